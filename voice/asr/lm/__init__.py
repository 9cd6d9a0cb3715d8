"""Closed-domain language models built from the catalog's phrases and the control words."""
