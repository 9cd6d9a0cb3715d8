"""The hands-free conversation: wake, listen, understand, reply, stop; replay and live drivers."""
