# -*- coding: utf-8 -*-
def greet(name):
    return f"Grüß dich, {name}!"  # moji-lint: ignore
