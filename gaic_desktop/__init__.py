"""GAIC Desktop (政府信息公开年报编制器)."""

__version__ = "0.1.0"
APP_NAME = "政府信息公开年报编制器"
