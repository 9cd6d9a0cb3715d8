"""Pure text understanding and dialogue: no audio, no hardware."""
