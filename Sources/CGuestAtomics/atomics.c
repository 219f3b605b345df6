// All functions are static inline in the header; this file makes the target a library.
#include "CGuestAtomics.h"
