// hw/card_dma.sv, Verilated, as the "rtl" cosim engine (card_dma_rtl_ops).
#include "Vcard_dma.h"
#include "card_dma.h"

#define COSIM_BLOCK card_dma
#define COSIM_VTOP Vcard_dma
#define COSIM_PORTS_DEF "card_dma_ports.def"
#include "cosim_rtl.inc"
