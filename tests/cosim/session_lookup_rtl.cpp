// hw/session_lookup.sv, Verilated, as the "rtl" cosim engine (session_lookup_rtl_ops).
#include "Vsession_lookup.h"
#include "session_lookup.h"

#define COSIM_BLOCK session_lookup
#define COSIM_VTOP Vsession_lookup
#define COSIM_PORTS_DEF "session_lookup_ports.def"
#include "cosim_rtl.inc"
