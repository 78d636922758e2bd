module acme-analytics/tracker

go 1.19
