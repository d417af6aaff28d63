// hw/session_table.sv, Verilated, as the "rtl" cosim engine (session_table_rtl_ops).
#include "Vsession_table.h"
#include "session_table.h"

#define COSIM_BLOCK session_table
#define COSIM_VTOP Vsession_table
#define COSIM_PORTS_DEF "session_table_ports.def"
#include "cosim_rtl.inc"
