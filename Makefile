# The README's two commands. Both install what they need first (scripts/setup).
.PHONY: gameday test
gameday:
	./scripts/gameday

test:
	./scripts/test
