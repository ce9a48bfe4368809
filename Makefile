# Conveniences over the scripts, which are what the README documents (they need no make).
.PHONY: demo test bench setup clean

demo:
	scripts/demo.sh

test:
	scripts/test.sh

bench:
	scripts/bench.sh

setup:
	scripts/setup.sh

clean:
	rm -rf .build bench-out demo-out
