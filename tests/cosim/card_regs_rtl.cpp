// hw/card_regs.sv, Verilated, as the "rtl" cosim engine (card_regs_rtl_ops).
#include "Vcard_regs.h"
#include "card_regs.h"

#define COSIM_BLOCK card_regs
#define COSIM_VTOP Vcard_regs
#define COSIM_PORTS_DEF "card_regs_ports.def"
#include "cosim_rtl.inc"
