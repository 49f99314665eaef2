"""The page's stylesheet and the two small scripts the side panel runs (see `gr.HTML(js_on_load=...)`)."""

# Scroll the panel's passage, not the page, so that the first <mark> sits a third of the way down.
# A panel on a hidden tab has no height yet; it is tried again for a moment until it is shown.
REVEAL_JS = r"""
const reveal = (tries) => {
  const box = element.querySelector('.passage');
  const mark = element.querySelector('mark');
  if (!box || !mark) return;
  if (box.clientHeight === 0) {
    if (tries > 0) setTimeout(() => reveal(tries - 1), 100);
    return;
  }
  box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
};
watch('value', () => requestAnimationFrame(() => reveal(20)));
"""

# One document-level listener (capture phase, so it runs before the chat's own handling of links)
# turns a click on `<a class="cite" href="#cite-T-N">` into a `click` event of the citation panel
# carrying T and N, and a click on an answer's action (`<a class="act" href="#vote-T-up">`, see
# `ui.render.actions_html`) into a `click` event of the actions component carrying the href. The
# newest `trigger` of each is kept on `window`, so a re-mounted component stays wired up without
# adding a second listener. Python checks what they carry: it comes from the browser.
CITE_JS = (
    r"""
window.assistantCiteTrigger = trigger;
if (!window.assistantCiteListening) {
  window.assistantCiteListening = true;
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const action = target ? target.closest('a.act') : null;
    if (action) {
      const href = action.getAttribute('href') || '';
      if (!/^#(vote|note|copy)-\d+(-(up|down))?$/.test(href) || !window.assistantActionTrigger) return;
      event.preventDefault();
      event.stopPropagation();
      window.assistantActionTrigger('click', {href: href});
      return;
    }
    const link = target ? target.closest('a.cite') : null;
    if (!link) return;
    const match = /^#cite-(\d+)-(\d+)$/.exec(link.getAttribute('href') || '');
    if (!match) return;
    event.preventDefault();
    event.stopPropagation();
    window.assistantCiteTrigger('click', {turn: match[1], n: match[2]});
  }, true);
}
"""
    + REVEAL_JS
)

# The actions component: its `trigger` serves the listener above; when Python answers a "copy" with
# `{"turn": T, "markdown": "..."}` (JSON, as the component's value), the Markdown goes to the
# clipboard (by the Clipboard API, or the older copy command where the page is not a secure context).
ACTIONS_JS = r"""
window.assistantActionTrigger = trigger;
const copyText = async (text) => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let copied = false;
    try { copied = document.execCommand('copy'); } catch (ignored) { copied = false; }
    area.remove();
    return copied;
  }
};
watch('value', () => {
  let data = null;
  try { data = JSON.parse(props.value || 'null'); } catch (error) { return; }
  if (!data || typeof data.markdown !== 'string') return;
  copyText(data.markdown).then((copied) => {
    const status = element.querySelector('.copy-status');
    if (status) status.textContent = copied
      ? `Copied answer ${data.turn + 1} and its citations as Markdown.`
      : 'The browser did not allow copying.';
  });
});
"""

CSS = """
#chat .answer { line-height: 1.65; }
#chat .answer.draft { color: var(--body-text-color-subdued); white-space: pre-wrap; }
#chat .answer .code-block { display: flex; align-items: flex-end; gap: .3em; margin: .4em 0; }
#chat .answer pre.code {
  flex: 1; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere;
  margin: 0; padding: .4em .7em; line-height: 1.45;
  border: 1px solid var(--border-color-primary); border-radius: 6px; background: var(--background-fill-secondary);
}
#chat .draft-note, #chat .answer-by { font-size: .8em; color: var(--body-text-color-subdued); margin-bottom: .3em; }
#chat a.cite, .cite-sample {
  display: inline-block; padding: 0 .3em; margin-left: .1em; border-radius: 4px;
  background: var(--color-accent-soft); color: var(--color-accent); font-size: .85em; font-weight: 600;
  text-decoration: none; cursor: pointer; line-height: 1.4;
}
#chat a.cite:hover, #chat a.cite:focus-visible { background: var(--color-accent); color: white; }
#chat .answer-sources {
  list-style: none; margin: .6em 0 0; padding: .4em 0 0; border-top: 1px solid var(--border-color-primary);
  font-size: .85em;
}
#chat .answer-sources li { margin: .1em 0; }
#chat .answer-sources a.cite { background: none; font-weight: 400; padding: 0; margin: 0; }
#chat .answer-sources a.cite:hover { text-decoration: underline; color: var(--color-accent); }
.not-found {
  border-left: 4px solid #d97706; background: #fef3c7; color: #78350f; padding: .6em .8em; border-radius: 6px;
}
.not-found-title { font-weight: 700; margin-bottom: .2em; }
.not-found-hint { font-size: .85em; margin-top: .3em; opacity: .85; }
.error {
  border-left: 4px solid #dc2626; background: #fee2e2; color: #7f1d1d; padding: .5em .8em; border-radius: 6px;
  margin: .3em 0;
}
.notice { font-size: .85em; font-style: italic; color: var(--body-text-color-subdued); margin-bottom: .3em; }
.query-note { font-size: .8em; opacity: .8; margin-top: .25em; }
.panel-empty { color: var(--body-text-color-subdued); padding: 1em .2em; }
.passage-head { font-weight: 600; margin: .2em 0 .5em; word-break: break-all; }
.passage-trail { color: var(--body-text-color-subdued, #666); margin: -.3em 0 .5em; font-size: .95em; }
.passage-n { color: var(--color-accent); }
.passage {
  position: relative; max-height: 62vh; overflow: auto; padding: .4em 0;
  border: 1px solid var(--border-color-primary); border-radius: 6px; background: var(--background-fill-secondary);
  font-family: var(--font-mono); font-size: .8em; line-height: 1.55;
}
.passage .line { display: flex; }
.passage .line.hl { background: rgba(250, 204, 21, .15); }
.passage .ln {
  flex: none; width: 3.6em; padding-right: .9em; text-align: right; user-select: none;
  color: var(--body-text-color-subdued);
}
.passage .tx { flex: 1; min-width: 0; padding-right: .6em; white-space: pre-wrap; overflow-wrap: anywhere; }
.passage mark { background: #fde047; color: #1f2937; border-radius: 2px; padding: 0; }
.quote { margin: .4em 0; padding-left: .8em; border-left: 3px solid var(--border-color-primary); }
.corpus-stats { display: grid; grid-template-columns: auto 1fr; gap: .25em 1em; margin: .2em 0 .6em; }
.corpus-stats dt { color: var(--body-text-color-subdued); }
.corpus-stats dd { margin: 0; font-weight: 600; word-break: break-all; }
.report { margin-top: .4em; }
.report-title { font-weight: 600; }
.report-summary { font-size: .9em; }
.report-note { font-size: .9em; margin: .2em 0; }
.report-warnings { font-size: .85em; color: #92400e; margin: .3em 0 0 1.2em; }
.more-warnings summary { font-size: .85em; color: #92400e; margin: .3em 0 0 1.2em; cursor: pointer; }
#chat .scope { font-size: .8em; color: var(--body-text-color-subdued); margin-bottom: .3em; }
#chat .answer-actions { display: flex; gap: .8em; margin-top: .5em; font-size: .85em; align-items: center; }
#chat .answer-actions a.act { text-decoration: none; color: var(--body-text-color-subdued); cursor: pointer; }
#chat .answer-actions a.act:hover, #chat .answer-actions a.act:focus-visible { color: var(--color-accent); }
#chat .answer-actions a.act.chosen { color: var(--color-accent); font-weight: 700; }
.copy-status { font-size: .85em; color: var(--body-text-color-subdued); }
.rebuild-status { margin: .3em 0; }
.rebuild-status progress { width: 100%; }
.rebuild-started { font-size: .8em; color: var(--body-text-color-subdued); }
.doc-scope { font-size: .85em; margin: .2em 0; }
.feedback-head { font-size: .9em; }
"""
