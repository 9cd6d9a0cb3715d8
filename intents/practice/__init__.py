"""The practice coach: rules that judge a rehearsed opening line, its pace, and the rehearsal itself."""
