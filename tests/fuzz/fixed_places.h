/* fixed_places.h: a copy of data/places.csv for the fuzz targets that take only events. */
#ifndef SITMAP_FIXED_PLACES_H
#define SITMAP_FIXED_PLACES_H

static const char fixed_places[] =
	"id,name,lat,lon,kind,initial,source\n"
	"kidal,Kidal,18.43889,1.40833,town,taken-by-rebels,s\n"
	"kidal-un,Kidal UN camp,18.43889,1.40833,un-camp,un-camp,s\n"
	"tessalit,Tessalit,20.20111,1.01250,un-camp,un-camp,s\n"
	"aguelhok,Aguelhok,19.46500,0.85611,un-camp,un-camp,s\n"
	"anefis,Anefis,18.04389,0.60306,town,taken-by-rebels,s\n"
	"gao,Gao,16.26667,-0.05000,town,none,s\n"
	"gao-un,Gao UN camp,16.26667,-0.05000,un-camp,un-camp,s\n"
	"gao-army,Gao army camp,16.26667,-0.05000,army-camp,army-held,s\n"
	"timbuktu,Timbuktu,16.77583,-3.00944,town,army-held,s\n"
	"timbuktu-un,Timbuktu UN camp,16.77583,-3.00944,un-camp,un-camp,s\n"
	"bamako,Bamako,12.63917,-8.00278,capital,none,s\n"
	"bamako-un,Bamako UN HQ camp,12.63917,-8.00278,un-camp,un-camp,s\n"
	"mopti,Mopti,14.49583,-4.19861,town,none,s\n"
	"sevare-un,Sevare UN camp,14.53333,-4.10000,un-camp,un-camp,s\n"
	"ansongo,Ansongo,15.65944,0.50167,un-camp,un-camp,s\n"
	"menaka,Menaka,15.91667,2.40000,un-camp,un-camp,s\n"
	"ber,Ber,16.76000,-2.63889,un-camp,un-camp,s\n"
	"goundam,Goundam,16.41667,-3.66667,un-camp,un-camp,s\n"
	"lere,Lere,15.71528,-4.90417,army-camp,army-held,s\n"
	"ogossagou,Ogossagou,13.962,-3.634,un-camp,un-camp,s\n"
	"douentza,Douentza,15.00000,-2.95000,un-camp,un-camp,s\n"
	"bourem,Bourem,16.95000,-0.35000,army-camp,army-held,s\n"
	"bamba,Bamba,17.03333,-1.40000,army-camp,army-held,s\n"
	"dioura,Dioura,14.82528,-5.25139,army-camp,army-held,s\n"
	"taoussa,Taoussa,16.94111,-0.58194,army-camp,army-held,s\n"
	"tarkint,Tarkint,17.47694,0.11639,village,none,s\n";

#endif
