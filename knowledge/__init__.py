"""What Aiguillage knows: communes, themes, host structures, matching and nearest search, and the
national catalogue of places as open data publishes it (`place_files`, `place_import`)."""
