"""The ballot room: managers vote in turn on the shared laptop, each on a clean, private ballot."""
