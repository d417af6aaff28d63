// hw/hdlc_framer.sv, Verilated, as the "rtl" cosim engine (hdlc_framer_rtl_ops).
#include "Vhdlc_framer.h"
#include "hdlc_framer.h"

#define COSIM_BLOCK hdlc_framer
#define COSIM_VTOP Vhdlc_framer
#define COSIM_PORTS_DEF "hdlc_framer_ports.def"
#include "cosim_rtl.inc"
