// hw/encap_builder.sv with DATA_W=16, Verilated as Vencap_builder_w16, as the
// "rtl" cosim engine (encap_builder_w16_rtl_ops).
#define ENCAP_COSIM_DATA_W 16
#include "Vencap_builder_w16.h"

#define COSIM_BLOCK encap_builder_w16
#define COSIM_VTOP Vencap_builder_w16
#define COSIM_PORTS_DEF "encap_builder_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
