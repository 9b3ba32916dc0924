//! Generates realistic reports with known numbers and known faults, in every layout.
