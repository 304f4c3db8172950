"""Pure domain rules: values, validation, fees, NIK. No I/O, no clock, no frameworks."""
