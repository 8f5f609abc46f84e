import sys

from cilegon_umkm.local_postgres import main

sys.exit(main(sys.argv[1:]))
