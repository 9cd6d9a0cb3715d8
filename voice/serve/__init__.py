"""`openup serve`: the coach as a Wyoming intent-handling service (for Home Assistant's Assist).

Downward only: ``wire`` (bounded event reading) and ``conversations`` (the
session store) know nothing of the coach; ``coach`` answers one request;
``handler`` joins a connection to the coach; ``server`` listens and shuts down.
"""
