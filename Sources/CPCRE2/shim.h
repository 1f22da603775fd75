// PCRE2, 8-bit code units (UTF-8 subjects): the regex engine behind (chicken irregex).
// The width must be chosen before the header; Swift then calls the `_8` names directly,
// since it cannot import the header's function-name macros.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
