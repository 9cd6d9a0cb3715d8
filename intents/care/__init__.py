"""Care before coaching: the screen that runs first on every utterance (``screen``), the
model that backs its rules (``model``), and what the coach says in care (``desk``)."""
