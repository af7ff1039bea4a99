"""The union's rules over articles: counting, pace."""
