"""Speech recognition: audio chunks to transcripts (engines, domain language models, model files)."""
