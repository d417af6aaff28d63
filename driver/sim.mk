# The simulated cards (driver/sim_card.c; l2tpcard_sim.h): the "model"
# backend is in libl2tpcard.a and needs the card model (libcardmodel.a), so
# the host libraries include it; the "rtl" backend needs the Verilated card
# (tests/cosim/l2tp_card.mk), which only C++-linked programs that ask for it
# get: link $(SIM_RTL_LINK) after your objects.
SIM_DRIVER_OBJS := $(OBJ)/driver/sim_card.o $(OBJ)/driver/model_backend.o \
                   $(OBJ)/driver/rtl_backend.o
$(SIM_DRIVER_OBJS): CPPFLAGS += -Imodel -Itests/cosim

# (model/model.mk is read after this file: its MODEL_LIB by name)
HOST_LIBS += $(LIB)/libcardmodel.a
SIM_RTL_LINK = $(OBJ)/driver/rtl_backend.o $(CARD_RTL_LINK)
