// Debian's libopenblas-dev installs cblas.h through the alternatives system (the OpenBLAS
// variant the machine selected); openblas_set_num_threads comes with it.
#include <cblas.h>
