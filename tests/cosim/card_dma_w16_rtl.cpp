// hw/card_dma.sv with DATA_W=16, Verilated as Vcard_dma_w16, as the "rtl"
// cosim engine (card_dma_w16_rtl_ops).
#include "Vcard_dma_w16.h"
#include "card_dma.h"

#define CARD_DMA_COSIM_DATA_W 16
#define COSIM_BLOCK card_dma_w16
#define COSIM_VTOP Vcard_dma_w16
#define COSIM_PORTS_DEF "card_dma_ports.def"
#include "cosim_rtl.inc"
