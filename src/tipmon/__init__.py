"""TIP Monitor: the working system of an office that monitors and combats trafficking in persons."""
