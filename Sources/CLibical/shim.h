#ifndef SUPPORTCAL_CLIBICAL_SHIM_H
#define SUPPORTCAL_CLIBICAL_SHIM_H

#include <stdlib.h>
#include <libical/ical.h>

#endif
