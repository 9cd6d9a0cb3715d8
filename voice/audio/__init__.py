"""Audio in: WAV files and the microphone as 16 kHz mono chunks, endpointing, and rhythm measured in speech."""
