"""What Aiguillage knows: communes, themes, host structures, matching and nearest search."""
