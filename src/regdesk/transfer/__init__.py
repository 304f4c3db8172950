"""Offline transfer: the bundle a desk carries to HQ on a USB stick and HQ's signed receipt.

Shared by the desk and HQ; imports neither a web framework nor HQ code. See docs/transfer.md.
"""
