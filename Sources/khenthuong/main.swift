print("khenthuong")
