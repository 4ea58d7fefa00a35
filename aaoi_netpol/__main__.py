from aaoi_netpol.entry import main

if __name__ == "__main__":
    main()
