module goapp

go 1.19

require acme-analytics/tracker v0.0.0

replace acme-analytics/tracker => ../../../packages/tracker-go
