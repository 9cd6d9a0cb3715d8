"""Speech out: text to speech (synthesis), speakers and the reply voice that speaks sentence by sentence."""
