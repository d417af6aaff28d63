// hw/hdlc_deframer.sv, Verilated, as the "rtl" cosim engine (hdlc_deframer_rtl_ops).
#include "Vhdlc_deframer.h"
#include "hdlc_deframer.h"

#define COSIM_BLOCK hdlc_deframer
#define COSIM_VTOP Vhdlc_deframer
#define COSIM_PORTS_DEF "hdlc_deframer_ports.def"
#include "cosim_rtl.inc"
