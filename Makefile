# Conveniences over the scripts, which are what the README documents (they need no make).
.PHONY: demo test bench bench-lm bench-synthesis setup clean

demo:
	scripts/demo.sh

test:
	scripts/test.sh

bench:
	scripts/bench.sh

# Training budget in minutes of each language model: make bench-lm MINUTES=20
bench-lm:
	scripts/bench-lm.sh

bench-synthesis:
	scripts/bench-synthesis.sh

setup:
	scripts/setup.sh

clean:
	rm -rf .build bench-out demo-out
