module mamori/detect/gen/zengin

go 1.26.8
