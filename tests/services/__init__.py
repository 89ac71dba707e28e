"""Real local peers the tests start: pcscd with the vpcd virtual reader and a virtual card."""
