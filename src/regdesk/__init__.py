"""RegDesk: offline-first enrolment of informal workers (BPU) into BPJS Ketenagakerjaan."""

__version__ = "0.1.0"
