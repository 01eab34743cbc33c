module mamori/detect/gen/municipalities

go 1.26
