# Sourced by the other scripts: the one place that says how GateLM is built.
# Release builds target the host CPU (DESIGN.md, "Build flags"): AVX2/AVX-512 and FMA
# instead of baseline x86-64.
RELEASE_FLAGS=(-c release -Xswiftc -target-cpu -Xswiftc native -Xcc -march=native)
