print("saxsd")
