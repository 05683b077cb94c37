print("dossier: under construction")
