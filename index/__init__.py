"""The data pipeline: load documents, clean them, cut them into spans, embed, store in Chroma, rebuild.

It knows nothing of questions; `assistant` builds on it.
"""
