// hw/card_dma.sv with DATA_W=8, Verilated as Vcard_dma_w8, as the "rtl"
// cosim engine (card_dma_rtl_ops).
#include "Vcard_dma_w8.h"
#include "card_dma.h"

#define CARD_DMA_COSIM_DATA_W 8
#define COSIM_BLOCK card_dma
#define COSIM_VTOP Vcard_dma_w8
#define COSIM_PORTS_DEF "card_dma_ports.def"
#include "cosim_rtl.inc"
