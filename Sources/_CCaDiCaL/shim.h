#ifndef GATELM_CCADICAL_SHIM_H
#define GATELM_CCADICAL_SHIM_H
// The IPASIR-style C API of CaDiCaL: apt-get install libcadical-dev.
#include <ccadical.h>
#endif
