// hw/encap_builder.sv with DATA_W=8, Verilated as Vencap_builder_w8, as the
// "rtl" cosim engine (encap_builder_w8_rtl_ops).
#define ENCAP_COSIM_DATA_W 8
#include "Vencap_builder_w8.h"

#define COSIM_BLOCK encap_builder_w8
#define COSIM_VTOP Vencap_builder_w8
#define COSIM_PORTS_DEF "encap_builder_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
