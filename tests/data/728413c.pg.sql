--
-- PostgreSQL database dump
--

\restrict qe7GWbgHyet77AB8qtj8qqNTU5zYIVqyNyNtoSI0eOSF2cFsJAfJw53HTCSY4vf

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: advisor_structures; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.advisor_structures (
    advisor_id integer NOT NULL,
    structure_id integer NOT NULL
);


--
-- Name: advisors; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.advisors (
    id integer NOT NULL,
    first_name character varying(100) NOT NULL,
    last_name character varying(100) NOT NULL,
    telegram_user_id bigint,
    email character varying(254),
    notification_level character varying(8) DEFAULT 'all'::character varying NOT NULL,
    CONSTRAINT ck_advisors_first_name_not_empty CHECK (((first_name)::text <> ''::text)),
    CONSTRAINT ck_advisors_notification_level CHECK (((notification_level)::text = ANY ((ARRAY['all'::character varying, 'same_day'::character varying, 'none'::character varying])::text[])))
);


--
-- Name: advisors_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.advisors_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: advisors_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.advisors_id_seq OWNED BY public.advisors.id;


--
-- Name: bookings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.bookings (
    id integer NOT NULL,
    slot_id integer NOT NULL,
    resident_id integer,
    status character varying(21) NOT NULL,
    booked_by character varying(8) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    cancelled_at timestamp with time zone,
    confirmed_at timestamp with time zone,
    CONSTRAINT ck_bookings_booked_by CHECK (((booked_by)::text = ANY ((ARRAY['resident'::character varying, 'advisor'::character varying, 'admin'::character varying])::text[]))),
    CONSTRAINT ck_bookings_booking_status CHECK (((status)::text = ANY ((ARRAY['booked'::character varying, 'cancelled_by_resident'::character varying, 'cancelled_by_service'::character varying, 'attended'::character varying, 'no_show'::character varying])::text[]))),
    CONSTRAINT ck_bookings_cancelled_at_iff_cancelled CHECK ((((status)::text = ANY ((ARRAY['cancelled_by_resident'::character varying, 'cancelled_by_service'::character varying])::text[])) = (cancelled_at IS NOT NULL)))
);


--
-- Name: bookings_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.bookings_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: bookings_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.bookings_id_seq OWNED BY public.bookings.id;


--
-- Name: conversation_states; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conversation_states (
    name character varying(64) NOT NULL,
    key character varying(100) NOT NULL,
    state text NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: host_structures; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.host_structures (
    id integer NOT NULL,
    name character varying(200) NOT NULL,
    typology character varying(20) NOT NULL,
    address character varying(300),
    postal_code character varying(5),
    commune_insee character varying(5) NOT NULL,
    lat double precision NOT NULL,
    lon double precision NOT NULL,
    phone character varying(40),
    email character varying(254),
    website character varying(500),
    opening_hours character varying(1000),
    itinerant boolean DEFAULT false NOT NULL,
    individual_help boolean DEFAULT false NOT NULL,
    is_demo boolean DEFAULT false NOT NULL,
    source character varying(40),
    source_id character varying(100),
    timezone character varying(64) DEFAULT 'Europe/Paris'::character varying NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_host_structures_commune_insee_length CHECK ((length((commune_insee)::text) = 5)),
    CONSTRAINT ck_host_structures_lat_range CHECK (((lat >= ('-90'::integer)::double precision) AND (lat <= (90)::double precision))),
    CONSTRAINT ck_host_structures_lon_range CHECK (((lon >= ('-180'::integer)::double precision) AND (lon <= (180)::double precision))),
    CONSTRAINT ck_host_structures_name_not_empty CHECK (((name)::text <> ''::text)),
    CONSTRAINT ck_host_structures_source_id_has_source CHECK (((source_id IS NULL) OR (source IS NOT NULL))),
    CONSTRAINT ck_host_structures_timezone_not_empty CHECK (((timezone)::text <> ''::text)),
    CONSTRAINT ck_host_structures_typology CHECK (((typology)::text = ANY ((ARRAY['mairie'::character varying, 'ccas'::character varying, 'france_services'::character varying, 'mediatheque'::character varying, 'association'::character varying, 'departement'::character varying, 'intercommunalite'::character varying, 'prefecture'::character varying, 'centre_social'::character varying, 'centre_medico_social'::character varying, 'mission_locale'::character varying, 'autre'::character varying])::text[])))
);


--
-- Name: host_structures_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.host_structures_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: host_structures_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.host_structures_id_seq OWNED BY public.host_structures.id;


--
-- Name: notifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notifications (
    id integer NOT NULL,
    key character varying(120) NOT NULL,
    kind character varying(21) NOT NULL,
    status character varying(11) DEFAULT 'pending'::character varying NOT NULL,
    resident_id integer,
    advisor_id integer,
    booking_id integer,
    slot_id integer,
    previous_slot_id integer,
    waitlist_entry_id integer,
    agenda_day date,
    seats_left integer,
    created_at timestamp with time zone NOT NULL,
    due_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone,
    available_at timestamp with time zone NOT NULL,
    claimed_by character varying(64),
    attempts integer DEFAULT 0 NOT NULL,
    sent_at timestamp with time zone,
    drop_reason character varying(17),
    CONSTRAINT ck_notifications_attempts_not_negative CHECK ((attempts >= 0)),
    CONSTRAINT ck_notifications_claim_has_worker CHECK ((((status)::text <> 'claimed'::text) OR (claimed_by IS NOT NULL))),
    CONSTRAINT ck_notifications_drop_reason_iff_dropped CHECK ((((status)::text = 'dropped'::text) = (drop_reason IS NOT NULL))),
    CONSTRAINT ck_notifications_notification_drop_reason CHECK (((drop_reason)::text = ANY ((ARRAY['expired'::character varying, 'booking_cancelled'::character varying, 'slot_cancelled'::character varying, 'slot_moved'::character varying, 'superseded'::character varying, 'unreachable'::character varying, 'obsolete'::character varying])::text[]))),
    CONSTRAINT ck_notifications_notification_kind CHECK (((kind)::text = ANY ((ARRAY['reminder_day_before'::character varying, 'reminder_hours_before'::character varying, 'booking_cancelled'::character varying, 'slot_cancelled'::character varying, 'slot_moved'::character varying, 'waitlist_offer'::character varying, 'advisor_booked'::character varying, 'advisor_cancelled'::character varying, 'advisor_agenda'::character varying])::text[]))),
    CONSTRAINT ck_notifications_notification_status CHECK (((status)::text = ANY ((ARRAY['pending'::character varying, 'claimed'::character varying, 'sent'::character varying, 'dropped'::character varying, 'unreachable'::character varying, 'failed'::character varying])::text[]))),
    CONSTRAINT ck_notifications_one_recipient CHECK (((resident_id IS NULL) <> (advisor_id IS NULL))),
    CONSTRAINT ck_notifications_sent_has_sent_at CHECK ((((status)::text <> 'sent'::text) OR (sent_at IS NOT NULL)))
);


--
-- Name: notifications_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.notifications_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: notifications_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.notifications_id_seq OWNED BY public.notifications.id;


--
-- Name: residents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.residents (
    id integer NOT NULL,
    telegram_user_id bigint NOT NULL,
    first_name character varying(64) NOT NULL,
    language character varying(8) NOT NULL,
    commune_insee character varying(5),
    created_at timestamp with time zone NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    unreachable boolean DEFAULT false NOT NULL
);


--
-- Name: residents_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.residents_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: residents_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.residents_id_seq OWNED BY public.residents.id;


--
-- Name: slots; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.slots (
    id integer NOT NULL,
    workshop_id integer NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    capacity integer NOT NULL,
    seats_taken integer DEFAULT 0 NOT NULL,
    status character varying(9) NOT NULL,
    replaced_by_id integer,
    cancellation_reason character varying(300),
    CONSTRAINT ck_slots_capacity_positive CHECK ((capacity > 0)),
    CONSTRAINT ck_slots_ends_after_start CHECK ((ends_at > starts_at)),
    CONSTRAINT ck_slots_seats_taken_within_capacity CHECK (((seats_taken >= 0) AND (seats_taken <= capacity))),
    CONSTRAINT ck_slots_slot_status CHECK (((status)::text = ANY ((ARRAY['scheduled'::character varying, 'cancelled'::character varying, 'moved'::character varying])::text[])))
);


--
-- Name: slots_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.slots_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: slots_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.slots_id_seq OWNED BY public.slots.id;


--
-- Name: structure_programmes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.structure_programmes (
    structure_id integer NOT NULL,
    programme character varying(22) NOT NULL,
    CONSTRAINT ck_structure_programmes_programme CHECK (((programme)::text = ANY ((ARRAY['france_services'::character varying, 'conseillers_numeriques'::character varying, 'aidants_connect'::character varying])::text[])))
);


--
-- Name: structure_themes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.structure_themes (
    structure_id integer NOT NULL,
    theme character varying(32) NOT NULL,
    CONSTRAINT ck_structure_themes_theme_not_empty CHECK (((theme)::text <> ''::text))
);


--
-- Name: user_drafts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_drafts (
    user_id bigint NOT NULL,
    data text NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: waitlist_entries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.waitlist_entries (
    id integer NOT NULL,
    slot_id integer NOT NULL,
    resident_id integer,
    status character varying(8) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    offered_at timestamp with time zone,
    offer_expires_at timestamp with time zone,
    decided_at timestamp with time zone,
    CONSTRAINT ck_waitlist_entries_offer_has_times CHECK ((((status)::text <> 'offered'::text) OR ((offered_at IS NOT NULL) AND (offer_expires_at IS NOT NULL)))),
    CONSTRAINT ck_waitlist_entries_waitlist_status CHECK (((status)::text = ANY ((ARRAY['waiting'::character varying, 'offered'::character varying, 'accepted'::character varying, 'expired'::character varying, 'left'::character varying, 'closed'::character varying])::text[])))
);


--
-- Name: waitlist_entries_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.waitlist_entries_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: waitlist_entries_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.waitlist_entries_id_seq OWNED BY public.waitlist_entries.id;


--
-- Name: workshop_themes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workshop_themes (
    workshop_id integer NOT NULL,
    theme character varying(40) NOT NULL
);


--
-- Name: workshops; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workshops (
    id integer NOT NULL,
    structure_id integer NOT NULL,
    title character varying(200) NOT NULL,
    kind character varying(10) NOT NULL,
    advisor_id integer,
    is_demo boolean DEFAULT false NOT NULL,
    CONSTRAINT ck_workshops_workshop_kind CHECK (((kind)::text = ANY ((ARRAY['collective'::character varying, 'individual'::character varying])::text[])))
);


--
-- Name: workshops_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.workshops_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: workshops_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.workshops_id_seq OWNED BY public.workshops.id;


--
-- Name: advisors id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.advisors ALTER COLUMN id SET DEFAULT nextval('public.advisors_id_seq'::regclass);


--
-- Name: bookings id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings ALTER COLUMN id SET DEFAULT nextval('public.bookings_id_seq'::regclass);


--
-- Name: host_structures id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.host_structures ALTER COLUMN id SET DEFAULT nextval('public.host_structures_id_seq'::regclass);


--
-- Name: notifications id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications ALTER COLUMN id SET DEFAULT nextval('public.notifications_id_seq'::regclass);


--
-- Name: residents id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.residents ALTER COLUMN id SET DEFAULT nextval('public.residents_id_seq'::regclass);


--
-- Name: slots id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.slots ALTER COLUMN id SET DEFAULT nextval('public.slots_id_seq'::regclass);


--
-- Name: waitlist_entries id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waitlist_entries ALTER COLUMN id SET DEFAULT nextval('public.waitlist_entries_id_seq'::regclass);


--
-- Name: workshops id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshops ALTER COLUMN id SET DEFAULT nextval('public.workshops_id_seq'::regclass);


--
-- Data for Name: advisor_structures; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.advisor_structures (advisor_id, structure_id) FROM stdin;
1	6
\.


--
-- Data for Name: advisors; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.advisors (id, first_name, last_name, telegram_user_id, email, notification_level) FROM stdin;
1	Nadia	Conseillère	9001	\N	all
\.


--
-- Data for Name: bookings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.bookings (id, slot_id, resident_id, status, booked_by, created_at, cancelled_at, confirmed_at) FROM stdin;
1	715	1	booked	resident	2025-03-03 08:00:00+00	\N	\N
2	714	2	booked	resident	2025-03-03 08:00:00+00	\N	\N
3	715	4	cancelled_by_resident	resident	2025-03-03 08:00:00+00	2025-03-03 08:00:00+00	\N
\.


--
-- Data for Name: conversation_states; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.conversation_states (name, key, state, updated_at) FROM stdin;
journey	[1003, 1003]	3	2025-03-03 08:00:00+00
journey	[1005, 1005]	2	2025-03-03 08:00:00+00
\.


--
-- Data for Name: host_structures; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.host_structures (id, name, typology, address, postal_code, commune_insee, lat, lon, phone, email, website, opening_hours, itinerant, individual_help, is_demo, source, source_id, timezone, created_at, updated_at) FROM stdin;
1	Département de Tarn-et-Garonne – Hôtel du Département (démo)	departement	100 boulevard Hubert-Gouze, 82000 Montauban	82000	82121	44.00861	1.35889	\N	\N	\N	\N	f	t	t	demo	82-departement	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
2	Communauté de communes du Quercy Rouergue et des Gorges de l'Aveyron (démo)	intercommunalite	\N	82140	82155	44.1508	1.75598	\N	\N	\N	\N	t	t	t	demo	82-cc-quercy-rouergue-gorges-aveyron	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
3	Communauté de communes Terres des Confluences (démo)	intercommunalite	\N	82100	82033	44.0397	1.10749	\N	\N	\N	\N	f	t	t	demo	82-cc-terres-des-confluences	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
4	CCAS de Castelsarrasin (démo)	ccas	\N	82100	82033	44.0397	1.10749	\N	\N	\N	\N	f	t	t	demo	82-ccas-castelsarrasin	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
5	Mairie de Parisot (démo)	mairie	6 rue de la Mairie, 82160 Parisot	82160	82137	44.265	1.85758	05 63 65 71 62	mairie@parisot82.fr	http://www.parisot82commune.com	Mo 08:30-12:30,13:00-17:00; Tu-We 08:30-12:30; Th 08:30-12:30,13:00-17:00; Fr 08:30-12:30	f	t	t	demo	82-mairie-parisot	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
6	Mairie de Moissac (démo)	mairie	3 place Roger-Delthil, 82200 Moissac	82200	82112	44.10481	1.08487	05 63 04 63 63	mairie@moissac.fr	https://www.moissac.fr/	Mo-Fr 08:30-12:00,13:30-17:30; Sa 08:30-12:00	f	t	t	demo	82-mairie-moissac	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
7	Mairie de Montauban (démo)	mairie	9 rue de l'Hôtel-de-Ville, 82000 Montauban	82000	82121	44.01612	1.35264	05 63 22 12 00	contact@ville-montauban.fr	https://www.montauban.com/	Mo-Fr 08:30-12:15,13:30-17:30	f	t	t	demo	82-mairie-montauban	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
8	Mairie de Saint-Nicolas-de-la-Grave (démo)	mairie	Place du Château, 82210 Saint-Nicolas-de-la-Grave	82210	82169	44.0643	1.02354	05 63 95 92 55	mairie@ville-stnicolas82.fr	https://www.ville-stnicolas82.fr/	Mo-Fr 09:00-12:00,13:30-17:00	f	t	t	demo	82-mairie-saint-nicolas-de-la-grave	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
9	Communauté de communes du Quercy Caussadais (démo)	intercommunalite	\N	82300	82037	44.158	1.54213	\N	\N	\N	\N	t	t	t	demo	82-cc-quercy-caussadais	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
10	Géronto 82 (démo)	association	\N	82000	82121	44.01612	1.35264	\N	\N	\N	\N	f	t	t	demo	82-geronto-82	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
11	Montauban Services (démo)	autre	\N	82000	82121	44.01612	1.35264	\N	\N	\N	\N	f	t	t	demo	82-montauban-services	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
12	Ligue de l'enseignement 82 (démo)	association	\N	82000	82121	44.01612	1.35264	\N	\N	\N	\N	f	f	t	demo	82-ligue-enseignement-82	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
13	UDAF 82 (démo)	association	\N	82000	82121	44.01612	1.35264	\N	\N	\N	\N	f	t	t	demo	82-udaf-82	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
14	Mission locale – Montauban (démo)	mission_locale	\N	82000	82121	44.01612	1.35264	\N	\N	\N	\N	f	t	t	demo	82-mission-locale	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
15	Sous-préfecture de Castelsarrasin (démo)	prefecture	\N	82100	82033	44.0397	1.10749	\N	\N	\N	\N	f	t	t	demo	82-sous-prefecture-castelsarrasin	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
16	Médiathèque départementale de Lot-et-Garonne (démo)	mediatheque	\N	47300	47323	44.40713	0.70356	\N	\N	\N	\N	f	f	t	demo	47-mediatheque-departementale	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
17	Centre médico-social d'Agen (démo)	centre_medico_social	\N	47000	47001	44.20323	0.61553	\N	\N	\N	\N	f	t	t	demo	47-cms-agen	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
18	Centre médico-social de Marmande (démo)	centre_medico_social	\N	47200	47157	44.49918	0.16586	\N	\N	\N	\N	f	t	t	demo	47-cms-marmande	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
19	Centre médico-social de Villeneuve-sur-Lot (démo)	centre_medico_social	\N	47300	47323	44.40713	0.70356	\N	\N	\N	\N	f	t	t	demo	47-cms-villeneuve-sur-lot	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
20	Centre médico-social de Nérac (démo)	centre_medico_social	\N	47600	47195	44.13432	0.34508	\N	\N	\N	\N	f	t	t	demo	47-cms-nerac	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
21	Centre médico-social de Fumel (démo)	centre_medico_social	\N	47500	47106	44.4981	0.9709	\N	\N	\N	\N	f	t	t	demo	47-cms-fumel	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
22	Mairie de La Rochelle (démo)	mairie	3 place de l'Hôtel-de-Ville, 17000 La Rochelle	17000	17300	46.15974	-1.15191	05 46 51 51 51	courrier@ville-larochelle.fr	https://www.larochelle.fr/	Mo-Fr 08:30-17:30	f	t	t	demo	17-mairie-la-rochelle	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
23	Mairie de Rochefort (démo)	mairie	119 rue Pierre-Loti, 17301 Rochefort Cedex	17300	17299	45.9366	-0.96219	05 46 82 65 00	mairie@ville-rochefort.fr	https://www.ville-rochefort.fr/	Mo-Th 08:15-12:00,13:30-17:30; Fr 08:15-12:00,13:30-17:00	f	t	t	demo	17-mairie-rochefort	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
24	Mairie de Saintes (démo)	mairie	Square André-Maudet, 17100 Saintes	17100	17415	45.74476	-0.63475	05 46 92 34 45	info@ville-saintes.fr	https://www.ville-saintes.fr/	Mo-We 08:30-12:15,13:15-17:30; Th 10:30-12:15,13:15-17:30; Fr 08:30-12:15,13:15-17:30	f	t	t	demo	17-mairie-saintes	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
25	Mairie de Royan (démo)	mairie	80 avenue de Pontaillac, 17200 Royan	17200	17306	45.62325	-1.04289	05 46 39 56 56	mairie@mairie-royan.fr	https://www.ville-royan.fr/	Mo-Fr 08:45-12:15,13:45-18:00	f	t	t	demo	17-mairie-royan	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
26	Mairie de Saint-Jean-d'Angély (démo)	mairie	Place de l'Hôtel-de-Ville, 17415 Saint-Jean-d'Angély Cedex	17400	17347	45.9454	-0.5182	05 46 59 56 56	ville@angely.net	https://www.angely.net/	Mo-Th 08:30-12:30,13:30-17:30; Fr 08:30-12:30,13:30-16:30	f	t	t	demo	17-mairie-saint-jean-d-angely	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
27	Mairie de Jonzac (démo)	mairie	3 rue du Château, 17500 Jonzac	17500	17197	45.44565	-0.43117	05 46 48 04 11	mairie@villedejonzac.fr	https://villedejonzac.fr/	Mo-Th 08:00-12:00,13:30-17:00; Fr 08:00-12:00,13:30-16:30	f	t	t	demo	17-mairie-jonzac	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
28	Mairie de Mende (démo)	mairie	1 place du Général-de-Gaulle, 48000 Mende	48000	48095	44.51782	3.50117	04 66 49 40 00	contact@mende.fr	https://mende.fr/	Mo-Fr 08:00-12:00,13:30-17:00	f	t	t	demo	48-mairie-mende	Europe/Paris	2026-11-30 00:54:49.497118+00	2026-11-30 00:54:49.497118+00
\.


--
-- Data for Name: notifications; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.notifications (id, key, kind, status, resident_id, advisor_id, booking_id, slot_id, previous_slot_id, waitlist_entry_id, agenda_day, seats_left, created_at, due_at, expires_at, available_at, claimed_by, attempts, sent_at, drop_reason) FROM stdin;
1	reminder_day_before:b1:s715	reminder_day_before	pending	1	\N	1	715	\N	\N	\N	\N	2025-03-03 08:00:00+00	2025-03-03 17:00:00+00	2025-03-03 23:00:00+00	2025-03-03 17:00:00+00	\N	0	\N	\N
2	reminder_hours_before:b1:s715	reminder_hours_before	pending	1	\N	1	715	\N	\N	\N	\N	2025-03-03 08:00:00+00	2025-03-04 11:00:00+00	2025-03-04 13:00:00+00	2025-03-04 11:00:00+00	\N	0	\N	\N
4	reminder_day_before:b2:s714	reminder_day_before	pending	2	\N	2	714	\N	\N	\N	\N	2025-03-03 08:00:00+00	2025-03-04 17:00:00+00	2025-03-04 23:00:00+00	2025-03-04 17:00:00+00	\N	0	\N	\N
5	reminder_hours_before:b2:s714	reminder_hours_before	pending	2	\N	2	714	\N	\N	\N	\N	2025-03-03 08:00:00+00	2025-03-05 07:00:00+00	2025-03-05 09:00:00+00	2025-03-05 07:00:00+00	\N	0	\N	\N
7	reminder_day_before:b3:s715	reminder_day_before	dropped	4	\N	3	715	\N	\N	\N	\N	2025-03-03 08:00:00+00	2025-03-03 17:00:00+00	2025-03-03 23:00:00+00	2025-03-03 17:00:00+00	\N	0	\N	booking_cancelled
8	reminder_hours_before:b3:s715	reminder_hours_before	dropped	4	\N	3	715	\N	\N	\N	\N	2025-03-03 08:00:00+00	2025-03-04 11:00:00+00	2025-03-04 13:00:00+00	2025-03-04 11:00:00+00	\N	0	\N	booking_cancelled
9	advisor_booked:b3	advisor_booked	dropped	\N	1	3	715	\N	\N	\N	6	2025-03-03 08:00:00+00	2025-03-03 08:00:00+00	2025-03-04 15:00:00+00	2025-03-03 08:00:00+00	\N	0	\N	superseded
3	advisor_booked:b1	advisor_booked	sent	\N	1	1	715	\N	\N	\N	7	2025-03-03 08:00:00+00	2025-03-03 08:00:00+00	2025-03-04 15:00:00+00	2025-03-03 08:05:00+00	vm:3210:9225456d	1	2025-03-03 08:00:00+00	\N
6	advisor_booked:b2	advisor_booked	sent	\N	1	2	714	\N	\N	\N	0	2025-03-03 08:00:00+00	2025-03-03 08:00:00+00	2025-03-05 10:00:00+00	2025-03-03 08:05:00+00	vm:3210:9225456d	1	2025-03-03 08:00:00+00	\N
\.


--
-- Data for Name: residents; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.residents (id, telegram_user_id, first_name, language, commune_insee, created_at, last_seen_at, unreachable) FROM stdin;
1	1001	Martine	fr	82112	2025-03-03 08:00:00+00	2025-03-03 08:00:00+00	f
2	1002	Bernard	fr	82112	2025-03-03 08:00:00+00	2025-03-03 08:00:00+00	f
3	1003	Jean	fr	82112	2025-03-03 08:00:00+00	2025-03-03 08:00:00+00	f
4	1004	Paul	fr	82112	2025-03-03 08:00:00+00	2025-03-03 08:00:00+00	f
5	1005	Lucie	fr	\N	2025-03-03 08:00:00+00	2025-03-03 08:00:00+00	f
\.


--
-- Data for Name: slots; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.slots (id, workshop_id, starts_at, ends_at, capacity, seats_taken, status, replaced_by_id, cancellation_reason) FROM stdin;
1	1	2025-03-04 08:00:00+00	2025-03-04 08:45:00+00	1	0	scheduled	\N	\N
2	1	2025-03-04 08:45:00+00	2025-03-04 09:30:00+00	1	0	scheduled	\N	\N
3	1	2025-03-04 09:30:00+00	2025-03-04 10:15:00+00	1	0	scheduled	\N	\N
4	1	2025-03-04 10:15:00+00	2025-03-04 11:00:00+00	1	0	scheduled	\N	\N
5	1	2025-03-11 08:00:00+00	2025-03-11 08:45:00+00	1	0	scheduled	\N	\N
6	1	2025-03-11 08:45:00+00	2025-03-11 09:30:00+00	1	0	scheduled	\N	\N
7	1	2025-03-11 09:30:00+00	2025-03-11 10:15:00+00	1	0	scheduled	\N	\N
8	1	2025-03-11 10:15:00+00	2025-03-11 11:00:00+00	1	0	scheduled	\N	\N
9	1	2025-03-18 08:00:00+00	2025-03-18 08:45:00+00	1	0	scheduled	\N	\N
10	1	2025-03-18 08:45:00+00	2025-03-18 09:30:00+00	1	0	scheduled	\N	\N
11	1	2025-03-18 09:30:00+00	2025-03-18 10:15:00+00	1	0	scheduled	\N	\N
12	1	2025-03-18 10:15:00+00	2025-03-18 11:00:00+00	1	0	scheduled	\N	\N
13	1	2025-03-25 08:00:00+00	2025-03-25 08:45:00+00	1	0	scheduled	\N	\N
14	1	2025-03-25 08:45:00+00	2025-03-25 09:30:00+00	1	0	scheduled	\N	\N
15	1	2025-03-25 09:30:00+00	2025-03-25 10:15:00+00	1	0	scheduled	\N	\N
16	1	2025-03-25 10:15:00+00	2025-03-25 11:00:00+00	1	0	scheduled	\N	\N
17	2	2025-03-14 08:30:00+00	2025-03-14 10:30:00+00	9	0	scheduled	\N	\N
18	2	2025-03-28 08:30:00+00	2025-03-28 10:30:00+00	9	0	scheduled	\N	\N
19	3	2025-03-06 08:30:00+00	2025-03-06 10:30:00+00	10	0	scheduled	\N	\N
20	3	2025-03-20 08:30:00+00	2025-03-20 10:30:00+00	10	0	scheduled	\N	\N
21	4	2025-03-12 08:30:00+00	2025-03-12 10:30:00+00	9	0	scheduled	\N	\N
22	4	2025-03-26 08:30:00+00	2025-03-26 10:30:00+00	9	0	scheduled	\N	\N
23	5	2025-03-03 13:00:00+00	2025-03-03 15:00:00+00	9	0	scheduled	\N	\N
24	5	2025-03-17 13:00:00+00	2025-03-17 15:00:00+00	9	0	scheduled	\N	\N
25	6	2025-03-07 13:00:00+00	2025-03-07 15:00:00+00	7	0	scheduled	\N	\N
26	6	2025-03-21 13:00:00+00	2025-03-21 15:00:00+00	7	0	scheduled	\N	\N
27	7	2025-03-04 08:00:00+00	2025-03-04 08:45:00+00	1	0	scheduled	\N	\N
28	7	2025-03-04 08:45:00+00	2025-03-04 09:30:00+00	1	0	scheduled	\N	\N
29	7	2025-03-04 09:30:00+00	2025-03-04 10:15:00+00	1	0	scheduled	\N	\N
30	7	2025-03-04 10:15:00+00	2025-03-04 11:00:00+00	1	0	scheduled	\N	\N
31	7	2025-03-11 08:00:00+00	2025-03-11 08:45:00+00	1	0	scheduled	\N	\N
32	7	2025-03-11 08:45:00+00	2025-03-11 09:30:00+00	1	0	scheduled	\N	\N
33	7	2025-03-11 09:30:00+00	2025-03-11 10:15:00+00	1	0	scheduled	\N	\N
34	7	2025-03-11 10:15:00+00	2025-03-11 11:00:00+00	1	0	scheduled	\N	\N
35	7	2025-03-18 08:00:00+00	2025-03-18 08:45:00+00	1	0	scheduled	\N	\N
36	7	2025-03-18 08:45:00+00	2025-03-18 09:30:00+00	1	0	scheduled	\N	\N
37	7	2025-03-18 09:30:00+00	2025-03-18 10:15:00+00	1	0	scheduled	\N	\N
38	7	2025-03-18 10:15:00+00	2025-03-18 11:00:00+00	1	0	scheduled	\N	\N
39	7	2025-03-25 08:00:00+00	2025-03-25 08:45:00+00	1	0	scheduled	\N	\N
40	7	2025-03-25 08:45:00+00	2025-03-25 09:30:00+00	1	0	scheduled	\N	\N
41	7	2025-03-25 09:30:00+00	2025-03-25 10:15:00+00	1	0	scheduled	\N	\N
42	7	2025-03-25 10:15:00+00	2025-03-25 11:00:00+00	1	0	scheduled	\N	\N
43	8	2025-03-12 08:30:00+00	2025-03-12 10:30:00+00	9	0	scheduled	\N	\N
44	8	2025-03-26 08:30:00+00	2025-03-26 10:30:00+00	9	0	scheduled	\N	\N
45	9	2025-03-03 13:00:00+00	2025-03-03 15:00:00+00	6	0	scheduled	\N	\N
46	9	2025-03-17 13:00:00+00	2025-03-17 15:00:00+00	6	0	scheduled	\N	\N
47	10	2025-03-07 13:00:00+00	2025-03-07 15:00:00+00	9	0	scheduled	\N	\N
48	10	2025-03-21 13:00:00+00	2025-03-21 15:00:00+00	9	0	scheduled	\N	\N
49	11	2025-03-13 13:00:00+00	2025-03-13 15:00:00+00	6	0	scheduled	\N	\N
50	11	2025-03-27 13:00:00+00	2025-03-27 15:00:00+00	6	0	scheduled	\N	\N
51	12	2025-03-05 13:00:00+00	2025-03-05 15:00:00+00	8	0	scheduled	\N	\N
52	12	2025-03-19 13:00:00+00	2025-03-19 15:00:00+00	8	0	scheduled	\N	\N
53	13	2025-03-11 13:00:00+00	2025-03-11 15:00:00+00	9	0	scheduled	\N	\N
54	13	2025-03-25 13:00:00+00	2025-03-25 15:00:00+00	9	0	scheduled	\N	\N
55	14	2025-03-03 08:30:00+00	2025-03-03 10:30:00+00	8	0	scheduled	\N	\N
56	14	2025-03-17 08:30:00+00	2025-03-17 10:30:00+00	8	0	scheduled	\N	\N
57	14	2025-03-31 07:30:00+00	2025-03-31 09:30:00+00	8	0	scheduled	\N	\N
58	15	2025-03-07 08:30:00+00	2025-03-07 10:30:00+00	8	0	scheduled	\N	\N
59	15	2025-03-21 08:30:00+00	2025-03-21 10:30:00+00	8	0	scheduled	\N	\N
60	16	2025-03-04 13:00:00+00	2025-03-04 13:45:00+00	1	0	scheduled	\N	\N
61	16	2025-03-04 13:45:00+00	2025-03-04 14:30:00+00	1	0	scheduled	\N	\N
62	16	2025-03-04 14:30:00+00	2025-03-04 15:15:00+00	1	0	scheduled	\N	\N
63	16	2025-03-04 15:15:00+00	2025-03-04 16:00:00+00	1	0	scheduled	\N	\N
64	16	2025-03-11 13:00:00+00	2025-03-11 13:45:00+00	1	0	scheduled	\N	\N
65	16	2025-03-11 13:45:00+00	2025-03-11 14:30:00+00	1	0	scheduled	\N	\N
66	16	2025-03-11 14:30:00+00	2025-03-11 15:15:00+00	1	0	scheduled	\N	\N
67	16	2025-03-11 15:15:00+00	2025-03-11 16:00:00+00	1	0	scheduled	\N	\N
68	16	2025-03-18 13:00:00+00	2025-03-18 13:45:00+00	1	0	scheduled	\N	\N
69	16	2025-03-18 13:45:00+00	2025-03-18 14:30:00+00	1	0	scheduled	\N	\N
70	16	2025-03-18 14:30:00+00	2025-03-18 15:15:00+00	1	0	scheduled	\N	\N
71	16	2025-03-18 15:15:00+00	2025-03-18 16:00:00+00	1	0	scheduled	\N	\N
72	16	2025-03-25 13:00:00+00	2025-03-25 13:45:00+00	1	0	scheduled	\N	\N
73	16	2025-03-25 13:45:00+00	2025-03-25 14:30:00+00	1	0	scheduled	\N	\N
74	16	2025-03-25 14:30:00+00	2025-03-25 15:15:00+00	1	0	scheduled	\N	\N
75	16	2025-03-25 15:15:00+00	2025-03-25 16:00:00+00	1	0	scheduled	\N	\N
76	17	2025-03-05 08:30:00+00	2025-03-05 10:30:00+00	9	0	scheduled	\N	\N
77	17	2025-03-19 08:30:00+00	2025-03-19 10:30:00+00	9	0	scheduled	\N	\N
78	18	2025-03-10 13:00:00+00	2025-03-10 15:00:00+00	10	0	scheduled	\N	\N
79	18	2025-03-24 13:00:00+00	2025-03-24 15:00:00+00	10	0	scheduled	\N	\N
80	19	2025-03-14 13:00:00+00	2025-03-14 15:00:00+00	9	0	scheduled	\N	\N
81	19	2025-03-28 13:00:00+00	2025-03-28 15:00:00+00	9	0	scheduled	\N	\N
82	20	2025-03-06 13:00:00+00	2025-03-06 15:00:00+00	6	0	scheduled	\N	\N
83	20	2025-03-20 13:00:00+00	2025-03-20 15:00:00+00	6	0	scheduled	\N	\N
84	21	2025-03-12 13:00:00+00	2025-03-12 15:00:00+00	10	0	scheduled	\N	\N
85	21	2025-03-26 13:00:00+00	2025-03-26 15:00:00+00	10	0	scheduled	\N	\N
86	22	2025-03-04 08:30:00+00	2025-03-04 10:30:00+00	9	0	scheduled	\N	\N
87	22	2025-03-18 08:30:00+00	2025-03-18 10:30:00+00	9	0	scheduled	\N	\N
88	23	2025-03-10 08:30:00+00	2025-03-10 10:30:00+00	8	0	scheduled	\N	\N
89	23	2025-03-24 08:30:00+00	2025-03-24 10:30:00+00	8	0	scheduled	\N	\N
90	24	2025-03-14 08:30:00+00	2025-03-14 10:30:00+00	9	0	scheduled	\N	\N
91	24	2025-03-28 08:30:00+00	2025-03-28 10:30:00+00	9	0	scheduled	\N	\N
92	25	2025-03-07 13:00:00+00	2025-03-07 13:45:00+00	1	0	scheduled	\N	\N
93	25	2025-03-07 13:45:00+00	2025-03-07 14:30:00+00	1	0	scheduled	\N	\N
94	25	2025-03-07 14:30:00+00	2025-03-07 15:15:00+00	1	0	scheduled	\N	\N
95	25	2025-03-07 15:15:00+00	2025-03-07 16:00:00+00	1	0	scheduled	\N	\N
96	25	2025-03-14 13:00:00+00	2025-03-14 13:45:00+00	1	0	scheduled	\N	\N
97	25	2025-03-14 13:45:00+00	2025-03-14 14:30:00+00	1	0	scheduled	\N	\N
98	25	2025-03-14 14:30:00+00	2025-03-14 15:15:00+00	1	0	scheduled	\N	\N
99	25	2025-03-14 15:15:00+00	2025-03-14 16:00:00+00	1	0	scheduled	\N	\N
100	25	2025-03-21 13:00:00+00	2025-03-21 13:45:00+00	1	0	scheduled	\N	\N
101	25	2025-03-21 13:45:00+00	2025-03-21 14:30:00+00	1	0	scheduled	\N	\N
102	25	2025-03-21 14:30:00+00	2025-03-21 15:15:00+00	1	0	scheduled	\N	\N
103	25	2025-03-21 15:15:00+00	2025-03-21 16:00:00+00	1	0	scheduled	\N	\N
104	25	2025-03-28 13:00:00+00	2025-03-28 13:45:00+00	1	0	scheduled	\N	\N
105	25	2025-03-28 13:45:00+00	2025-03-28 14:30:00+00	1	0	scheduled	\N	\N
106	25	2025-03-28 14:30:00+00	2025-03-28 15:15:00+00	1	0	scheduled	\N	\N
107	25	2025-03-28 15:15:00+00	2025-03-28 16:00:00+00	1	0	scheduled	\N	\N
108	26	2025-03-04 08:30:00+00	2025-03-04 10:30:00+00	9	0	scheduled	\N	\N
109	26	2025-03-18 08:30:00+00	2025-03-18 10:30:00+00	9	0	scheduled	\N	\N
110	27	2025-03-10 08:30:00+00	2025-03-10 10:30:00+00	10	0	scheduled	\N	\N
111	27	2025-03-24 08:30:00+00	2025-03-24 10:30:00+00	10	0	scheduled	\N	\N
112	28	2025-03-13 13:00:00+00	2025-03-13 15:00:00+00	8	0	scheduled	\N	\N
113	28	2025-03-27 13:00:00+00	2025-03-27 15:00:00+00	8	0	scheduled	\N	\N
114	29	2025-03-05 13:00:00+00	2025-03-05 15:00:00+00	9	0	scheduled	\N	\N
115	29	2025-03-19 13:00:00+00	2025-03-19 15:00:00+00	9	0	scheduled	\N	\N
116	30	2025-03-11 13:00:00+00	2025-03-11 15:00:00+00	8	0	scheduled	\N	\N
117	30	2025-03-25 13:00:00+00	2025-03-25 15:00:00+00	8	0	scheduled	\N	\N
118	31	2025-03-06 08:00:00+00	2025-03-06 08:45:00+00	1	0	scheduled	\N	\N
119	31	2025-03-06 08:45:00+00	2025-03-06 09:30:00+00	1	0	scheduled	\N	\N
120	31	2025-03-06 09:30:00+00	2025-03-06 10:15:00+00	1	0	scheduled	\N	\N
121	31	2025-03-06 10:15:00+00	2025-03-06 11:00:00+00	1	0	scheduled	\N	\N
122	31	2025-03-13 08:00:00+00	2025-03-13 08:45:00+00	1	0	scheduled	\N	\N
123	31	2025-03-13 08:45:00+00	2025-03-13 09:30:00+00	1	0	scheduled	\N	\N
124	31	2025-03-13 09:30:00+00	2025-03-13 10:15:00+00	1	0	scheduled	\N	\N
125	31	2025-03-13 10:15:00+00	2025-03-13 11:00:00+00	1	0	scheduled	\N	\N
126	31	2025-03-20 08:00:00+00	2025-03-20 08:45:00+00	1	0	scheduled	\N	\N
127	31	2025-03-20 08:45:00+00	2025-03-20 09:30:00+00	1	0	scheduled	\N	\N
128	31	2025-03-20 09:30:00+00	2025-03-20 10:15:00+00	1	0	scheduled	\N	\N
129	31	2025-03-20 10:15:00+00	2025-03-20 11:00:00+00	1	0	scheduled	\N	\N
130	31	2025-03-27 08:00:00+00	2025-03-27 08:45:00+00	1	0	scheduled	\N	\N
131	31	2025-03-27 08:45:00+00	2025-03-27 09:30:00+00	1	0	scheduled	\N	\N
132	31	2025-03-27 09:30:00+00	2025-03-27 10:15:00+00	1	0	scheduled	\N	\N
133	31	2025-03-27 10:15:00+00	2025-03-27 11:00:00+00	1	0	scheduled	\N	\N
134	32	2025-03-12 13:00:00+00	2025-03-12 15:00:00+00	9	0	scheduled	\N	\N
135	32	2025-03-26 13:00:00+00	2025-03-26 15:00:00+00	9	0	scheduled	\N	\N
136	33	2025-03-04 13:00:00+00	2025-03-04 15:00:00+00	9	0	scheduled	\N	\N
137	33	2025-03-18 13:00:00+00	2025-03-18 15:00:00+00	9	0	scheduled	\N	\N
138	34	2025-03-10 13:00:00+00	2025-03-10 15:00:00+00	6	0	scheduled	\N	\N
139	34	2025-03-24 13:00:00+00	2025-03-24 15:00:00+00	6	0	scheduled	\N	\N
140	35	2025-03-03 13:00:00+00	2025-03-03 13:45:00+00	1	0	scheduled	\N	\N
141	35	2025-03-03 13:45:00+00	2025-03-03 14:30:00+00	1	0	scheduled	\N	\N
142	35	2025-03-03 14:30:00+00	2025-03-03 15:15:00+00	1	0	scheduled	\N	\N
143	35	2025-03-03 15:15:00+00	2025-03-03 16:00:00+00	1	0	scheduled	\N	\N
144	35	2025-03-10 13:00:00+00	2025-03-10 13:45:00+00	1	0	scheduled	\N	\N
145	35	2025-03-10 13:45:00+00	2025-03-10 14:30:00+00	1	0	scheduled	\N	\N
146	35	2025-03-10 14:30:00+00	2025-03-10 15:15:00+00	1	0	scheduled	\N	\N
147	35	2025-03-10 15:15:00+00	2025-03-10 16:00:00+00	1	0	scheduled	\N	\N
148	35	2025-03-17 13:00:00+00	2025-03-17 13:45:00+00	1	0	scheduled	\N	\N
149	35	2025-03-17 13:45:00+00	2025-03-17 14:30:00+00	1	0	scheduled	\N	\N
150	35	2025-03-17 14:30:00+00	2025-03-17 15:15:00+00	1	0	scheduled	\N	\N
151	35	2025-03-17 15:15:00+00	2025-03-17 16:00:00+00	1	0	scheduled	\N	\N
152	35	2025-03-24 13:00:00+00	2025-03-24 13:45:00+00	1	0	scheduled	\N	\N
153	35	2025-03-24 13:45:00+00	2025-03-24 14:30:00+00	1	0	scheduled	\N	\N
154	35	2025-03-24 14:30:00+00	2025-03-24 15:15:00+00	1	0	scheduled	\N	\N
155	35	2025-03-24 15:15:00+00	2025-03-24 16:00:00+00	1	0	scheduled	\N	\N
156	36	2025-03-11 08:30:00+00	2025-03-11 10:30:00+00	6	0	scheduled	\N	\N
157	36	2025-03-25 08:30:00+00	2025-03-25 10:30:00+00	6	0	scheduled	\N	\N
158	37	2025-03-14 13:00:00+00	2025-03-14 15:00:00+00	9	0	scheduled	\N	\N
159	37	2025-03-28 13:00:00+00	2025-03-28 15:00:00+00	9	0	scheduled	\N	\N
160	38	2025-03-06 13:00:00+00	2025-03-06 15:00:00+00	7	0	scheduled	\N	\N
161	38	2025-03-20 13:00:00+00	2025-03-20 15:00:00+00	7	0	scheduled	\N	\N
162	39	2025-03-12 13:00:00+00	2025-03-12 15:00:00+00	10	0	scheduled	\N	\N
163	39	2025-03-26 13:00:00+00	2025-03-26 15:00:00+00	10	0	scheduled	\N	\N
164	40	2025-03-04 13:00:00+00	2025-03-04 15:00:00+00	10	0	scheduled	\N	\N
165	40	2025-03-18 13:00:00+00	2025-03-18 15:00:00+00	10	0	scheduled	\N	\N
166	41	2025-03-10 08:30:00+00	2025-03-10 10:30:00+00	6	0	scheduled	\N	\N
167	41	2025-03-24 08:30:00+00	2025-03-24 10:30:00+00	6	0	scheduled	\N	\N
168	42	2025-03-14 08:30:00+00	2025-03-14 10:30:00+00	8	0	scheduled	\N	\N
169	42	2025-03-28 08:30:00+00	2025-03-28 10:30:00+00	8	0	scheduled	\N	\N
170	43	2025-03-05 08:00:00+00	2025-03-05 08:45:00+00	1	0	scheduled	\N	\N
171	43	2025-03-05 08:45:00+00	2025-03-05 09:30:00+00	1	0	scheduled	\N	\N
172	43	2025-03-05 09:30:00+00	2025-03-05 10:15:00+00	1	0	scheduled	\N	\N
173	43	2025-03-05 10:15:00+00	2025-03-05 11:00:00+00	1	0	scheduled	\N	\N
174	43	2025-03-12 08:00:00+00	2025-03-12 08:45:00+00	1	0	scheduled	\N	\N
175	43	2025-03-12 08:45:00+00	2025-03-12 09:30:00+00	1	0	scheduled	\N	\N
176	43	2025-03-12 09:30:00+00	2025-03-12 10:15:00+00	1	0	scheduled	\N	\N
177	43	2025-03-12 10:15:00+00	2025-03-12 11:00:00+00	1	0	scheduled	\N	\N
178	43	2025-03-19 08:00:00+00	2025-03-19 08:45:00+00	1	0	scheduled	\N	\N
179	43	2025-03-19 08:45:00+00	2025-03-19 09:30:00+00	1	0	scheduled	\N	\N
180	43	2025-03-19 09:30:00+00	2025-03-19 10:15:00+00	1	0	scheduled	\N	\N
181	43	2025-03-19 10:15:00+00	2025-03-19 11:00:00+00	1	0	scheduled	\N	\N
182	43	2025-03-26 08:00:00+00	2025-03-26 08:45:00+00	1	0	scheduled	\N	\N
183	43	2025-03-26 08:45:00+00	2025-03-26 09:30:00+00	1	0	scheduled	\N	\N
184	43	2025-03-26 09:30:00+00	2025-03-26 10:15:00+00	1	0	scheduled	\N	\N
185	43	2025-03-26 10:15:00+00	2025-03-26 11:00:00+00	1	0	scheduled	\N	\N
186	44	2025-03-12 13:00:00+00	2025-03-12 15:00:00+00	9	0	scheduled	\N	\N
187	44	2025-03-26 13:00:00+00	2025-03-26 15:00:00+00	9	0	scheduled	\N	\N
188	45	2025-03-04 08:30:00+00	2025-03-04 10:30:00+00	10	0	scheduled	\N	\N
189	45	2025-03-18 08:30:00+00	2025-03-18 10:30:00+00	10	0	scheduled	\N	\N
190	46	2025-03-10 08:30:00+00	2025-03-10 10:30:00+00	6	0	scheduled	\N	\N
191	46	2025-03-24 08:30:00+00	2025-03-24 10:30:00+00	6	0	scheduled	\N	\N
192	47	2025-03-14 08:30:00+00	2025-03-14 10:30:00+00	6	0	scheduled	\N	\N
193	47	2025-03-28 08:30:00+00	2025-03-28 10:30:00+00	6	0	scheduled	\N	\N
194	48	2025-03-06 08:30:00+00	2025-03-06 10:30:00+00	6	0	scheduled	\N	\N
195	48	2025-03-20 08:30:00+00	2025-03-20 10:30:00+00	6	0	scheduled	\N	\N
196	49	2025-03-11 13:00:00+00	2025-03-11 15:00:00+00	10	0	scheduled	\N	\N
197	49	2025-03-25 13:00:00+00	2025-03-25 15:00:00+00	10	0	scheduled	\N	\N
198	50	2025-03-07 13:00:00+00	2025-03-07 13:45:00+00	1	0	scheduled	\N	\N
199	50	2025-03-07 13:45:00+00	2025-03-07 14:30:00+00	1	0	scheduled	\N	\N
200	50	2025-03-07 14:30:00+00	2025-03-07 15:15:00+00	1	0	scheduled	\N	\N
201	50	2025-03-07 15:15:00+00	2025-03-07 16:00:00+00	1	0	scheduled	\N	\N
202	50	2025-03-14 13:00:00+00	2025-03-14 13:45:00+00	1	0	scheduled	\N	\N
203	50	2025-03-14 13:45:00+00	2025-03-14 14:30:00+00	1	0	scheduled	\N	\N
204	50	2025-03-14 14:30:00+00	2025-03-14 15:15:00+00	1	0	scheduled	\N	\N
205	50	2025-03-14 15:15:00+00	2025-03-14 16:00:00+00	1	0	scheduled	\N	\N
206	50	2025-03-21 13:00:00+00	2025-03-21 13:45:00+00	1	0	scheduled	\N	\N
207	50	2025-03-21 13:45:00+00	2025-03-21 14:30:00+00	1	0	scheduled	\N	\N
208	50	2025-03-21 14:30:00+00	2025-03-21 15:15:00+00	1	0	scheduled	\N	\N
209	50	2025-03-21 15:15:00+00	2025-03-21 16:00:00+00	1	0	scheduled	\N	\N
210	50	2025-03-28 13:00:00+00	2025-03-28 13:45:00+00	1	0	scheduled	\N	\N
211	50	2025-03-28 13:45:00+00	2025-03-28 14:30:00+00	1	0	scheduled	\N	\N
212	50	2025-03-28 14:30:00+00	2025-03-28 15:15:00+00	1	0	scheduled	\N	\N
213	50	2025-03-28 15:15:00+00	2025-03-28 16:00:00+00	1	0	scheduled	\N	\N
214	51	2025-03-03 13:00:00+00	2025-03-03 15:00:00+00	10	0	scheduled	\N	\N
215	51	2025-03-17 13:00:00+00	2025-03-17 15:00:00+00	10	0	scheduled	\N	\N
216	52	2025-03-07 08:30:00+00	2025-03-07 10:30:00+00	6	0	scheduled	\N	\N
217	52	2025-03-21 08:30:00+00	2025-03-21 10:30:00+00	6	0	scheduled	\N	\N
218	53	2025-03-13 08:30:00+00	2025-03-13 10:30:00+00	9	0	scheduled	\N	\N
219	53	2025-03-27 08:30:00+00	2025-03-27 10:30:00+00	9	0	scheduled	\N	\N
220	54	2025-03-05 08:30:00+00	2025-03-05 10:30:00+00	6	0	scheduled	\N	\N
221	54	2025-03-19 08:30:00+00	2025-03-19 10:30:00+00	6	0	scheduled	\N	\N
222	55	2025-03-07 13:00:00+00	2025-03-07 13:45:00+00	1	0	scheduled	\N	\N
223	55	2025-03-07 13:45:00+00	2025-03-07 14:30:00+00	1	0	scheduled	\N	\N
224	55	2025-03-07 14:30:00+00	2025-03-07 15:15:00+00	1	0	scheduled	\N	\N
225	55	2025-03-07 15:15:00+00	2025-03-07 16:00:00+00	1	0	scheduled	\N	\N
226	55	2025-03-14 13:00:00+00	2025-03-14 13:45:00+00	1	0	scheduled	\N	\N
227	55	2025-03-14 13:45:00+00	2025-03-14 14:30:00+00	1	0	scheduled	\N	\N
228	55	2025-03-14 14:30:00+00	2025-03-14 15:15:00+00	1	0	scheduled	\N	\N
229	55	2025-03-14 15:15:00+00	2025-03-14 16:00:00+00	1	0	scheduled	\N	\N
230	55	2025-03-21 13:00:00+00	2025-03-21 13:45:00+00	1	0	scheduled	\N	\N
231	55	2025-03-21 13:45:00+00	2025-03-21 14:30:00+00	1	0	scheduled	\N	\N
232	55	2025-03-21 14:30:00+00	2025-03-21 15:15:00+00	1	0	scheduled	\N	\N
233	55	2025-03-21 15:15:00+00	2025-03-21 16:00:00+00	1	0	scheduled	\N	\N
234	55	2025-03-28 13:00:00+00	2025-03-28 13:45:00+00	1	0	scheduled	\N	\N
235	55	2025-03-28 13:45:00+00	2025-03-28 14:30:00+00	1	0	scheduled	\N	\N
236	55	2025-03-28 14:30:00+00	2025-03-28 15:15:00+00	1	0	scheduled	\N	\N
237	55	2025-03-28 15:15:00+00	2025-03-28 16:00:00+00	1	0	scheduled	\N	\N
238	56	2025-03-11 13:00:00+00	2025-03-11 15:00:00+00	9	0	scheduled	\N	\N
239	56	2025-03-25 13:00:00+00	2025-03-25 15:00:00+00	9	0	scheduled	\N	\N
240	57	2025-03-03 13:00:00+00	2025-03-03 15:00:00+00	8	0	scheduled	\N	\N
241	57	2025-03-17 13:00:00+00	2025-03-17 15:00:00+00	8	0	scheduled	\N	\N
242	58	2025-03-07 08:30:00+00	2025-03-07 10:30:00+00	9	0	scheduled	\N	\N
243	58	2025-03-21 08:30:00+00	2025-03-21 10:30:00+00	9	0	scheduled	\N	\N
244	59	2025-03-13 08:30:00+00	2025-03-13 10:30:00+00	9	0	scheduled	\N	\N
245	59	2025-03-27 08:30:00+00	2025-03-27 10:30:00+00	9	0	scheduled	\N	\N
246	60	2025-03-05 08:30:00+00	2025-03-05 10:30:00+00	9	0	scheduled	\N	\N
247	60	2025-03-19 08:30:00+00	2025-03-19 10:30:00+00	9	0	scheduled	\N	\N
248	61	2025-03-11 08:30:00+00	2025-03-11 10:30:00+00	9	0	scheduled	\N	\N
249	61	2025-03-25 08:30:00+00	2025-03-25 10:30:00+00	9	0	scheduled	\N	\N
250	62	2025-03-03 08:30:00+00	2025-03-03 10:30:00+00	6	0	scheduled	\N	\N
251	62	2025-03-17 08:30:00+00	2025-03-17 10:30:00+00	6	0	scheduled	\N	\N
252	62	2025-03-31 07:30:00+00	2025-03-31 09:30:00+00	6	0	scheduled	\N	\N
253	63	2025-03-07 08:00:00+00	2025-03-07 08:45:00+00	1	0	scheduled	\N	\N
254	63	2025-03-07 08:45:00+00	2025-03-07 09:30:00+00	1	0	scheduled	\N	\N
255	63	2025-03-07 09:30:00+00	2025-03-07 10:15:00+00	1	0	scheduled	\N	\N
256	63	2025-03-07 10:15:00+00	2025-03-07 11:00:00+00	1	0	scheduled	\N	\N
257	63	2025-03-14 08:00:00+00	2025-03-14 08:45:00+00	1	0	scheduled	\N	\N
258	63	2025-03-14 08:45:00+00	2025-03-14 09:30:00+00	1	0	scheduled	\N	\N
259	63	2025-03-14 09:30:00+00	2025-03-14 10:15:00+00	1	0	scheduled	\N	\N
260	63	2025-03-14 10:15:00+00	2025-03-14 11:00:00+00	1	0	scheduled	\N	\N
261	63	2025-03-21 08:00:00+00	2025-03-21 08:45:00+00	1	0	scheduled	\N	\N
262	63	2025-03-21 08:45:00+00	2025-03-21 09:30:00+00	1	0	scheduled	\N	\N
263	63	2025-03-21 09:30:00+00	2025-03-21 10:15:00+00	1	0	scheduled	\N	\N
264	63	2025-03-21 10:15:00+00	2025-03-21 11:00:00+00	1	0	scheduled	\N	\N
265	63	2025-03-28 08:00:00+00	2025-03-28 08:45:00+00	1	0	scheduled	\N	\N
266	63	2025-03-28 08:45:00+00	2025-03-28 09:30:00+00	1	0	scheduled	\N	\N
267	63	2025-03-28 09:30:00+00	2025-03-28 10:15:00+00	1	0	scheduled	\N	\N
268	63	2025-03-28 10:15:00+00	2025-03-28 11:00:00+00	1	0	scheduled	\N	\N
269	64	2025-03-11 08:30:00+00	2025-03-11 10:30:00+00	10	0	scheduled	\N	\N
270	64	2025-03-25 08:30:00+00	2025-03-25 10:30:00+00	10	0	scheduled	\N	\N
271	65	2025-03-03 08:30:00+00	2025-03-03 10:30:00+00	9	0	scheduled	\N	\N
272	65	2025-03-17 08:30:00+00	2025-03-17 10:30:00+00	9	0	scheduled	\N	\N
273	65	2025-03-31 07:30:00+00	2025-03-31 09:30:00+00	9	0	scheduled	\N	\N
274	66	2025-03-06 13:00:00+00	2025-03-06 15:00:00+00	10	0	scheduled	\N	\N
275	66	2025-03-20 13:00:00+00	2025-03-20 15:00:00+00	10	0	scheduled	\N	\N
276	67	2025-03-12 13:00:00+00	2025-03-12 15:00:00+00	7	0	scheduled	\N	\N
277	67	2025-03-26 13:00:00+00	2025-03-26 15:00:00+00	7	0	scheduled	\N	\N
278	68	2025-03-04 13:00:00+00	2025-03-04 15:00:00+00	10	0	scheduled	\N	\N
279	68	2025-03-18 13:00:00+00	2025-03-18 15:00:00+00	10	0	scheduled	\N	\N
280	69	2025-03-05 13:00:00+00	2025-03-05 13:45:00+00	1	0	scheduled	\N	\N
281	69	2025-03-05 13:45:00+00	2025-03-05 14:30:00+00	1	0	scheduled	\N	\N
282	69	2025-03-05 14:30:00+00	2025-03-05 15:15:00+00	1	0	scheduled	\N	\N
283	69	2025-03-05 15:15:00+00	2025-03-05 16:00:00+00	1	0	scheduled	\N	\N
284	69	2025-03-12 13:00:00+00	2025-03-12 13:45:00+00	1	0	scheduled	\N	\N
285	69	2025-03-12 13:45:00+00	2025-03-12 14:30:00+00	1	0	scheduled	\N	\N
286	69	2025-03-12 14:30:00+00	2025-03-12 15:15:00+00	1	0	scheduled	\N	\N
287	69	2025-03-12 15:15:00+00	2025-03-12 16:00:00+00	1	0	scheduled	\N	\N
288	69	2025-03-19 13:00:00+00	2025-03-19 13:45:00+00	1	0	scheduled	\N	\N
289	69	2025-03-19 13:45:00+00	2025-03-19 14:30:00+00	1	0	scheduled	\N	\N
290	69	2025-03-19 14:30:00+00	2025-03-19 15:15:00+00	1	0	scheduled	\N	\N
291	69	2025-03-19 15:15:00+00	2025-03-19 16:00:00+00	1	0	scheduled	\N	\N
292	69	2025-03-26 13:00:00+00	2025-03-26 13:45:00+00	1	0	scheduled	\N	\N
293	69	2025-03-26 13:45:00+00	2025-03-26 14:30:00+00	1	0	scheduled	\N	\N
294	69	2025-03-26 14:30:00+00	2025-03-26 15:15:00+00	1	0	scheduled	\N	\N
295	69	2025-03-26 15:15:00+00	2025-03-26 16:00:00+00	1	0	scheduled	\N	\N
296	70	2025-03-14 08:30:00+00	2025-03-14 10:30:00+00	6	0	scheduled	\N	\N
297	70	2025-03-28 08:30:00+00	2025-03-28 10:30:00+00	6	0	scheduled	\N	\N
298	71	2025-03-06 08:30:00+00	2025-03-06 10:30:00+00	10	0	scheduled	\N	\N
299	71	2025-03-20 08:30:00+00	2025-03-20 10:30:00+00	10	0	scheduled	\N	\N
300	72	2025-03-11 13:00:00+00	2025-03-11 15:00:00+00	9	0	scheduled	\N	\N
301	72	2025-03-25 13:00:00+00	2025-03-25 15:00:00+00	9	0	scheduled	\N	\N
302	73	2025-03-03 13:00:00+00	2025-03-03 15:00:00+00	6	0	scheduled	\N	\N
303	73	2025-03-17 13:00:00+00	2025-03-17 15:00:00+00	6	0	scheduled	\N	\N
304	74	2025-03-07 13:00:00+00	2025-03-07 15:00:00+00	10	0	scheduled	\N	\N
305	74	2025-03-21 13:00:00+00	2025-03-21 15:00:00+00	10	0	scheduled	\N	\N
306	75	2025-03-11 13:00:00+00	2025-03-11 15:00:00+00	7	0	scheduled	\N	\N
307	75	2025-03-25 13:00:00+00	2025-03-25 15:00:00+00	7	0	scheduled	\N	\N
308	76	2025-03-03 08:30:00+00	2025-03-03 10:30:00+00	10	0	scheduled	\N	\N
309	76	2025-03-17 08:30:00+00	2025-03-17 10:30:00+00	10	0	scheduled	\N	\N
310	76	2025-03-31 07:30:00+00	2025-03-31 09:30:00+00	10	0	scheduled	\N	\N
311	77	2025-03-06 13:00:00+00	2025-03-06 15:00:00+00	6	0	scheduled	\N	\N
312	77	2025-03-20 13:00:00+00	2025-03-20 15:00:00+00	6	0	scheduled	\N	\N
313	78	2025-03-12 08:30:00+00	2025-03-12 10:30:00+00	6	0	scheduled	\N	\N
314	78	2025-03-26 08:30:00+00	2025-03-26 10:30:00+00	6	0	scheduled	\N	\N
315	79	2025-03-03 13:00:00+00	2025-03-03 15:00:00+00	9	0	scheduled	\N	\N
316	79	2025-03-17 13:00:00+00	2025-03-17 15:00:00+00	9	0	scheduled	\N	\N
317	80	2025-03-06 13:00:00+00	2025-03-06 13:45:00+00	1	0	scheduled	\N	\N
318	80	2025-03-06 13:45:00+00	2025-03-06 14:30:00+00	1	0	scheduled	\N	\N
319	80	2025-03-06 14:30:00+00	2025-03-06 15:15:00+00	1	0	scheduled	\N	\N
320	80	2025-03-06 15:15:00+00	2025-03-06 16:00:00+00	1	0	scheduled	\N	\N
321	80	2025-03-13 13:00:00+00	2025-03-13 13:45:00+00	1	0	scheduled	\N	\N
322	80	2025-03-13 13:45:00+00	2025-03-13 14:30:00+00	1	0	scheduled	\N	\N
323	80	2025-03-13 14:30:00+00	2025-03-13 15:15:00+00	1	0	scheduled	\N	\N
324	80	2025-03-13 15:15:00+00	2025-03-13 16:00:00+00	1	0	scheduled	\N	\N
325	80	2025-03-20 13:00:00+00	2025-03-20 13:45:00+00	1	0	scheduled	\N	\N
326	80	2025-03-20 13:45:00+00	2025-03-20 14:30:00+00	1	0	scheduled	\N	\N
327	80	2025-03-20 14:30:00+00	2025-03-20 15:15:00+00	1	0	scheduled	\N	\N
328	80	2025-03-20 15:15:00+00	2025-03-20 16:00:00+00	1	0	scheduled	\N	\N
329	80	2025-03-27 13:00:00+00	2025-03-27 13:45:00+00	1	0	scheduled	\N	\N
330	80	2025-03-27 13:45:00+00	2025-03-27 14:30:00+00	1	0	scheduled	\N	\N
331	80	2025-03-27 14:30:00+00	2025-03-27 15:15:00+00	1	0	scheduled	\N	\N
332	80	2025-03-27 15:15:00+00	2025-03-27 16:00:00+00	1	0	scheduled	\N	\N
333	81	2025-03-14 13:00:00+00	2025-03-14 15:00:00+00	7	0	scheduled	\N	\N
334	81	2025-03-28 13:00:00+00	2025-03-28 15:00:00+00	7	0	scheduled	\N	\N
335	82	2025-03-06 08:30:00+00	2025-03-06 10:30:00+00	7	0	scheduled	\N	\N
336	82	2025-03-20 08:30:00+00	2025-03-20 10:30:00+00	7	0	scheduled	\N	\N
337	83	2025-03-12 08:30:00+00	2025-03-12 10:30:00+00	8	0	scheduled	\N	\N
338	83	2025-03-26 08:30:00+00	2025-03-26 10:30:00+00	8	0	scheduled	\N	\N
339	84	2025-03-04 08:30:00+00	2025-03-04 10:30:00+00	8	0	scheduled	\N	\N
340	84	2025-03-18 08:30:00+00	2025-03-18 10:30:00+00	8	0	scheduled	\N	\N
341	85	2025-03-10 08:30:00+00	2025-03-10 10:30:00+00	6	0	scheduled	\N	\N
342	85	2025-03-24 08:30:00+00	2025-03-24 10:30:00+00	6	0	scheduled	\N	\N
343	86	2025-03-04 13:00:00+00	2025-03-04 13:45:00+00	1	0	scheduled	\N	\N
344	86	2025-03-04 13:45:00+00	2025-03-04 14:30:00+00	1	0	scheduled	\N	\N
345	86	2025-03-04 14:30:00+00	2025-03-04 15:15:00+00	1	0	scheduled	\N	\N
346	86	2025-03-04 15:15:00+00	2025-03-04 16:00:00+00	1	0	scheduled	\N	\N
347	86	2025-03-11 13:00:00+00	2025-03-11 13:45:00+00	1	0	scheduled	\N	\N
348	86	2025-03-11 13:45:00+00	2025-03-11 14:30:00+00	1	0	scheduled	\N	\N
349	86	2025-03-11 14:30:00+00	2025-03-11 15:15:00+00	1	0	scheduled	\N	\N
350	86	2025-03-11 15:15:00+00	2025-03-11 16:00:00+00	1	0	scheduled	\N	\N
351	86	2025-03-18 13:00:00+00	2025-03-18 13:45:00+00	1	0	scheduled	\N	\N
352	86	2025-03-18 13:45:00+00	2025-03-18 14:30:00+00	1	0	scheduled	\N	\N
353	86	2025-03-18 14:30:00+00	2025-03-18 15:15:00+00	1	0	scheduled	\N	\N
354	86	2025-03-18 15:15:00+00	2025-03-18 16:00:00+00	1	0	scheduled	\N	\N
355	86	2025-03-25 13:00:00+00	2025-03-25 13:45:00+00	1	0	scheduled	\N	\N
356	86	2025-03-25 13:45:00+00	2025-03-25 14:30:00+00	1	0	scheduled	\N	\N
357	86	2025-03-25 14:30:00+00	2025-03-25 15:15:00+00	1	0	scheduled	\N	\N
358	86	2025-03-25 15:15:00+00	2025-03-25 16:00:00+00	1	0	scheduled	\N	\N
359	87	2025-03-07 13:00:00+00	2025-03-07 15:00:00+00	10	0	scheduled	\N	\N
360	87	2025-03-21 13:00:00+00	2025-03-21 15:00:00+00	10	0	scheduled	\N	\N
361	88	2025-03-13 13:00:00+00	2025-03-13 15:00:00+00	8	0	scheduled	\N	\N
362	88	2025-03-27 13:00:00+00	2025-03-27 15:00:00+00	8	0	scheduled	\N	\N
363	89	2025-03-05 13:00:00+00	2025-03-05 15:00:00+00	10	0	scheduled	\N	\N
364	89	2025-03-19 13:00:00+00	2025-03-19 15:00:00+00	10	0	scheduled	\N	\N
365	90	2025-03-11 08:30:00+00	2025-03-11 10:30:00+00	7	0	scheduled	\N	\N
366	90	2025-03-25 08:30:00+00	2025-03-25 10:30:00+00	7	0	scheduled	\N	\N
367	91	2025-03-04 08:00:00+00	2025-03-04 08:45:00+00	1	0	scheduled	\N	\N
368	91	2025-03-04 08:45:00+00	2025-03-04 09:30:00+00	1	0	scheduled	\N	\N
369	91	2025-03-04 09:30:00+00	2025-03-04 10:15:00+00	1	0	scheduled	\N	\N
370	91	2025-03-04 10:15:00+00	2025-03-04 11:00:00+00	1	0	scheduled	\N	\N
371	91	2025-03-11 08:00:00+00	2025-03-11 08:45:00+00	1	0	scheduled	\N	\N
372	91	2025-03-11 08:45:00+00	2025-03-11 09:30:00+00	1	0	scheduled	\N	\N
373	91	2025-03-11 09:30:00+00	2025-03-11 10:15:00+00	1	0	scheduled	\N	\N
374	91	2025-03-11 10:15:00+00	2025-03-11 11:00:00+00	1	0	scheduled	\N	\N
375	91	2025-03-18 08:00:00+00	2025-03-18 08:45:00+00	1	0	scheduled	\N	\N
376	91	2025-03-18 08:45:00+00	2025-03-18 09:30:00+00	1	0	scheduled	\N	\N
377	91	2025-03-18 09:30:00+00	2025-03-18 10:15:00+00	1	0	scheduled	\N	\N
378	91	2025-03-18 10:15:00+00	2025-03-18 11:00:00+00	1	0	scheduled	\N	\N
379	91	2025-03-25 08:00:00+00	2025-03-25 08:45:00+00	1	0	scheduled	\N	\N
380	91	2025-03-25 08:45:00+00	2025-03-25 09:30:00+00	1	0	scheduled	\N	\N
381	91	2025-03-25 09:30:00+00	2025-03-25 10:15:00+00	1	0	scheduled	\N	\N
382	91	2025-03-25 10:15:00+00	2025-03-25 11:00:00+00	1	0	scheduled	\N	\N
383	92	2025-03-13 13:00:00+00	2025-03-13 15:00:00+00	6	0	scheduled	\N	\N
384	92	2025-03-27 13:00:00+00	2025-03-27 15:00:00+00	6	0	scheduled	\N	\N
385	93	2025-03-05 13:00:00+00	2025-03-05 15:00:00+00	9	0	scheduled	\N	\N
386	93	2025-03-19 13:00:00+00	2025-03-19 15:00:00+00	9	0	scheduled	\N	\N
387	94	2025-03-10 13:00:00+00	2025-03-10 15:00:00+00	7	0	scheduled	\N	\N
388	94	2025-03-24 13:00:00+00	2025-03-24 15:00:00+00	7	0	scheduled	\N	\N
389	95	2025-03-14 08:30:00+00	2025-03-14 10:30:00+00	10	0	scheduled	\N	\N
390	95	2025-03-28 08:30:00+00	2025-03-28 10:30:00+00	10	0	scheduled	\N	\N
391	96	2025-03-05 13:00:00+00	2025-03-05 15:00:00+00	6	0	scheduled	\N	\N
392	96	2025-03-19 13:00:00+00	2025-03-19 15:00:00+00	6	0	scheduled	\N	\N
393	97	2025-03-11 08:30:00+00	2025-03-11 10:30:00+00	7	0	scheduled	\N	\N
394	97	2025-03-25 08:30:00+00	2025-03-25 10:30:00+00	7	0	scheduled	\N	\N
395	98	2025-03-14 13:00:00+00	2025-03-14 15:00:00+00	6	0	scheduled	\N	\N
396	98	2025-03-28 13:00:00+00	2025-03-28 15:00:00+00	6	0	scheduled	\N	\N
397	99	2025-03-03 08:45:00+00	2025-03-03 09:30:00+00	1	0	scheduled	\N	\N
398	99	2025-03-03 09:30:00+00	2025-03-03 10:15:00+00	1	0	scheduled	\N	\N
399	99	2025-03-03 10:15:00+00	2025-03-03 11:00:00+00	1	0	scheduled	\N	\N
400	99	2025-03-10 08:00:00+00	2025-03-10 08:45:00+00	1	0	scheduled	\N	\N
401	99	2025-03-10 08:45:00+00	2025-03-10 09:30:00+00	1	0	scheduled	\N	\N
402	99	2025-03-10 09:30:00+00	2025-03-10 10:15:00+00	1	0	scheduled	\N	\N
403	99	2025-03-10 10:15:00+00	2025-03-10 11:00:00+00	1	0	scheduled	\N	\N
404	99	2025-03-17 08:00:00+00	2025-03-17 08:45:00+00	1	0	scheduled	\N	\N
405	99	2025-03-17 08:45:00+00	2025-03-17 09:30:00+00	1	0	scheduled	\N	\N
406	99	2025-03-17 09:30:00+00	2025-03-17 10:15:00+00	1	0	scheduled	\N	\N
407	99	2025-03-17 10:15:00+00	2025-03-17 11:00:00+00	1	0	scheduled	\N	\N
408	99	2025-03-24 08:00:00+00	2025-03-24 08:45:00+00	1	0	scheduled	\N	\N
409	99	2025-03-24 08:45:00+00	2025-03-24 09:30:00+00	1	0	scheduled	\N	\N
410	99	2025-03-24 09:30:00+00	2025-03-24 10:15:00+00	1	0	scheduled	\N	\N
411	99	2025-03-24 10:15:00+00	2025-03-24 11:00:00+00	1	0	scheduled	\N	\N
412	99	2025-03-31 07:00:00+00	2025-03-31 07:45:00+00	1	0	scheduled	\N	\N
413	99	2025-03-31 07:45:00+00	2025-03-31 08:30:00+00	1	0	scheduled	\N	\N
414	100	2025-03-13 08:30:00+00	2025-03-13 10:30:00+00	6	0	scheduled	\N	\N
415	100	2025-03-27 08:30:00+00	2025-03-27 10:30:00+00	6	0	scheduled	\N	\N
416	101	2025-03-05 08:30:00+00	2025-03-05 10:30:00+00	8	0	scheduled	\N	\N
417	101	2025-03-19 08:30:00+00	2025-03-19 10:30:00+00	8	0	scheduled	\N	\N
418	102	2025-03-11 08:30:00+00	2025-03-11 10:30:00+00	10	0	scheduled	\N	\N
419	102	2025-03-25 08:30:00+00	2025-03-25 10:30:00+00	10	0	scheduled	\N	\N
420	103	2025-03-14 13:00:00+00	2025-03-14 15:00:00+00	6	0	scheduled	\N	\N
421	103	2025-03-28 13:00:00+00	2025-03-28 15:00:00+00	6	0	scheduled	\N	\N
422	104	2025-03-06 13:00:00+00	2025-03-06 15:00:00+00	8	0	scheduled	\N	\N
423	104	2025-03-20 13:00:00+00	2025-03-20 15:00:00+00	8	0	scheduled	\N	\N
424	105	2025-03-05 13:00:00+00	2025-03-05 13:45:00+00	1	0	scheduled	\N	\N
425	105	2025-03-05 13:45:00+00	2025-03-05 14:30:00+00	1	0	scheduled	\N	\N
426	105	2025-03-05 14:30:00+00	2025-03-05 15:15:00+00	1	0	scheduled	\N	\N
427	105	2025-03-05 15:15:00+00	2025-03-05 16:00:00+00	1	0	scheduled	\N	\N
428	105	2025-03-12 13:00:00+00	2025-03-12 13:45:00+00	1	0	scheduled	\N	\N
429	105	2025-03-12 13:45:00+00	2025-03-12 14:30:00+00	1	0	scheduled	\N	\N
430	105	2025-03-12 14:30:00+00	2025-03-12 15:15:00+00	1	0	scheduled	\N	\N
431	105	2025-03-12 15:15:00+00	2025-03-12 16:00:00+00	1	0	scheduled	\N	\N
432	105	2025-03-19 13:00:00+00	2025-03-19 13:45:00+00	1	0	scheduled	\N	\N
433	105	2025-03-19 13:45:00+00	2025-03-19 14:30:00+00	1	0	scheduled	\N	\N
434	105	2025-03-19 14:30:00+00	2025-03-19 15:15:00+00	1	0	scheduled	\N	\N
435	105	2025-03-19 15:15:00+00	2025-03-19 16:00:00+00	1	0	scheduled	\N	\N
436	105	2025-03-26 13:00:00+00	2025-03-26 13:45:00+00	1	0	scheduled	\N	\N
437	105	2025-03-26 13:45:00+00	2025-03-26 14:30:00+00	1	0	scheduled	\N	\N
438	105	2025-03-26 14:30:00+00	2025-03-26 15:15:00+00	1	0	scheduled	\N	\N
439	105	2025-03-26 15:15:00+00	2025-03-26 16:00:00+00	1	0	scheduled	\N	\N
440	106	2025-03-13 08:30:00+00	2025-03-13 10:30:00+00	9	0	scheduled	\N	\N
441	106	2025-03-27 08:30:00+00	2025-03-27 10:30:00+00	9	0	scheduled	\N	\N
442	107	2025-03-04 13:00:00+00	2025-03-04 15:00:00+00	8	0	scheduled	\N	\N
443	107	2025-03-18 13:00:00+00	2025-03-18 15:00:00+00	8	0	scheduled	\N	\N
444	108	2025-03-10 13:00:00+00	2025-03-10 15:00:00+00	6	0	scheduled	\N	\N
445	108	2025-03-24 13:00:00+00	2025-03-24 15:00:00+00	6	0	scheduled	\N	\N
446	109	2025-03-14 13:00:00+00	2025-03-14 15:00:00+00	9	0	scheduled	\N	\N
447	109	2025-03-28 13:00:00+00	2025-03-28 15:00:00+00	9	0	scheduled	\N	\N
448	110	2025-03-06 13:00:00+00	2025-03-06 15:00:00+00	6	0	scheduled	\N	\N
449	110	2025-03-20 13:00:00+00	2025-03-20 15:00:00+00	6	0	scheduled	\N	\N
450	111	2025-03-04 13:00:00+00	2025-03-04 13:45:00+00	1	0	scheduled	\N	\N
451	111	2025-03-04 13:45:00+00	2025-03-04 14:30:00+00	1	0	scheduled	\N	\N
452	111	2025-03-04 14:30:00+00	2025-03-04 15:15:00+00	1	0	scheduled	\N	\N
453	111	2025-03-04 15:15:00+00	2025-03-04 16:00:00+00	1	0	scheduled	\N	\N
454	111	2025-03-11 13:00:00+00	2025-03-11 13:45:00+00	1	0	scheduled	\N	\N
455	111	2025-03-11 13:45:00+00	2025-03-11 14:30:00+00	1	0	scheduled	\N	\N
456	111	2025-03-11 14:30:00+00	2025-03-11 15:15:00+00	1	0	scheduled	\N	\N
457	111	2025-03-11 15:15:00+00	2025-03-11 16:00:00+00	1	0	scheduled	\N	\N
458	111	2025-03-18 13:00:00+00	2025-03-18 13:45:00+00	1	0	scheduled	\N	\N
459	111	2025-03-18 13:45:00+00	2025-03-18 14:30:00+00	1	0	scheduled	\N	\N
460	111	2025-03-18 14:30:00+00	2025-03-18 15:15:00+00	1	0	scheduled	\N	\N
461	111	2025-03-18 15:15:00+00	2025-03-18 16:00:00+00	1	0	scheduled	\N	\N
462	111	2025-03-25 13:00:00+00	2025-03-25 13:45:00+00	1	0	scheduled	\N	\N
463	111	2025-03-25 13:45:00+00	2025-03-25 14:30:00+00	1	0	scheduled	\N	\N
464	111	2025-03-25 14:30:00+00	2025-03-25 15:15:00+00	1	0	scheduled	\N	\N
465	111	2025-03-25 15:15:00+00	2025-03-25 16:00:00+00	1	0	scheduled	\N	\N
466	112	2025-03-05 08:30:00+00	2025-03-05 10:30:00+00	9	0	scheduled	\N	\N
467	112	2025-03-19 08:30:00+00	2025-03-19 10:30:00+00	9	0	scheduled	\N	\N
468	113	2025-03-10 13:00:00+00	2025-03-10 15:00:00+00	9	0	scheduled	\N	\N
469	113	2025-03-24 13:00:00+00	2025-03-24 15:00:00+00	9	0	scheduled	\N	\N
470	114	2025-03-14 13:00:00+00	2025-03-14 15:00:00+00	8	0	scheduled	\N	\N
471	114	2025-03-28 13:00:00+00	2025-03-28 15:00:00+00	8	0	scheduled	\N	\N
472	115	2025-03-06 13:00:00+00	2025-03-06 15:00:00+00	9	0	scheduled	\N	\N
473	115	2025-03-20 13:00:00+00	2025-03-20 15:00:00+00	9	0	scheduled	\N	\N
474	116	2025-03-12 13:00:00+00	2025-03-12 15:00:00+00	7	0	scheduled	\N	\N
475	116	2025-03-26 13:00:00+00	2025-03-26 15:00:00+00	7	0	scheduled	\N	\N
476	117	2025-03-05 13:00:00+00	2025-03-05 13:45:00+00	1	0	scheduled	\N	\N
477	117	2025-03-05 13:45:00+00	2025-03-05 14:30:00+00	1	0	scheduled	\N	\N
478	117	2025-03-05 14:30:00+00	2025-03-05 15:15:00+00	1	0	scheduled	\N	\N
479	117	2025-03-05 15:15:00+00	2025-03-05 16:00:00+00	1	0	scheduled	\N	\N
480	117	2025-03-12 13:00:00+00	2025-03-12 13:45:00+00	1	0	scheduled	\N	\N
481	117	2025-03-12 13:45:00+00	2025-03-12 14:30:00+00	1	0	scheduled	\N	\N
482	117	2025-03-12 14:30:00+00	2025-03-12 15:15:00+00	1	0	scheduled	\N	\N
483	117	2025-03-12 15:15:00+00	2025-03-12 16:00:00+00	1	0	scheduled	\N	\N
484	117	2025-03-19 13:00:00+00	2025-03-19 13:45:00+00	1	0	scheduled	\N	\N
485	117	2025-03-19 13:45:00+00	2025-03-19 14:30:00+00	1	0	scheduled	\N	\N
486	117	2025-03-19 14:30:00+00	2025-03-19 15:15:00+00	1	0	scheduled	\N	\N
487	117	2025-03-19 15:15:00+00	2025-03-19 16:00:00+00	1	0	scheduled	\N	\N
488	117	2025-03-26 13:00:00+00	2025-03-26 13:45:00+00	1	0	scheduled	\N	\N
489	117	2025-03-26 13:45:00+00	2025-03-26 14:30:00+00	1	0	scheduled	\N	\N
490	117	2025-03-26 14:30:00+00	2025-03-26 15:15:00+00	1	0	scheduled	\N	\N
491	117	2025-03-26 15:15:00+00	2025-03-26 16:00:00+00	1	0	scheduled	\N	\N
492	118	2025-03-12 08:30:00+00	2025-03-12 10:30:00+00	8	0	scheduled	\N	\N
493	118	2025-03-26 08:30:00+00	2025-03-26 10:30:00+00	8	0	scheduled	\N	\N
494	119	2025-03-04 08:30:00+00	2025-03-04 10:30:00+00	6	0	scheduled	\N	\N
495	119	2025-03-18 08:30:00+00	2025-03-18 10:30:00+00	6	0	scheduled	\N	\N
496	120	2025-03-10 08:30:00+00	2025-03-10 10:30:00+00	6	0	scheduled	\N	\N
497	120	2025-03-24 08:30:00+00	2025-03-24 10:30:00+00	6	0	scheduled	\N	\N
498	121	2025-03-14 08:30:00+00	2025-03-14 10:30:00+00	6	0	scheduled	\N	\N
499	121	2025-03-28 08:30:00+00	2025-03-28 10:30:00+00	6	0	scheduled	\N	\N
500	122	2025-03-06 08:30:00+00	2025-03-06 10:30:00+00	7	0	scheduled	\N	\N
501	122	2025-03-20 08:30:00+00	2025-03-20 10:30:00+00	7	0	scheduled	\N	\N
502	123	2025-03-03 13:00:00+00	2025-03-03 13:45:00+00	1	0	scheduled	\N	\N
503	123	2025-03-03 13:45:00+00	2025-03-03 14:30:00+00	1	0	scheduled	\N	\N
504	123	2025-03-03 14:30:00+00	2025-03-03 15:15:00+00	1	0	scheduled	\N	\N
505	123	2025-03-03 15:15:00+00	2025-03-03 16:00:00+00	1	0	scheduled	\N	\N
506	123	2025-03-10 13:00:00+00	2025-03-10 13:45:00+00	1	0	scheduled	\N	\N
507	123	2025-03-10 13:45:00+00	2025-03-10 14:30:00+00	1	0	scheduled	\N	\N
508	123	2025-03-10 14:30:00+00	2025-03-10 15:15:00+00	1	0	scheduled	\N	\N
509	123	2025-03-10 15:15:00+00	2025-03-10 16:00:00+00	1	0	scheduled	\N	\N
510	123	2025-03-17 13:00:00+00	2025-03-17 13:45:00+00	1	0	scheduled	\N	\N
511	123	2025-03-17 13:45:00+00	2025-03-17 14:30:00+00	1	0	scheduled	\N	\N
512	123	2025-03-17 14:30:00+00	2025-03-17 15:15:00+00	1	0	scheduled	\N	\N
513	123	2025-03-17 15:15:00+00	2025-03-17 16:00:00+00	1	0	scheduled	\N	\N
514	123	2025-03-24 13:00:00+00	2025-03-24 13:45:00+00	1	0	scheduled	\N	\N
515	123	2025-03-24 13:45:00+00	2025-03-24 14:30:00+00	1	0	scheduled	\N	\N
516	123	2025-03-24 14:30:00+00	2025-03-24 15:15:00+00	1	0	scheduled	\N	\N
517	123	2025-03-24 15:15:00+00	2025-03-24 16:00:00+00	1	0	scheduled	\N	\N
518	124	2025-03-05 13:00:00+00	2025-03-05 15:00:00+00	9	0	scheduled	\N	\N
519	124	2025-03-19 13:00:00+00	2025-03-19 15:00:00+00	9	0	scheduled	\N	\N
520	125	2025-03-11 13:00:00+00	2025-03-11 15:00:00+00	6	0	scheduled	\N	\N
521	125	2025-03-25 13:00:00+00	2025-03-25 15:00:00+00	6	0	scheduled	\N	\N
522	126	2025-03-03 08:30:00+00	2025-03-03 10:30:00+00	7	0	scheduled	\N	\N
523	126	2025-03-17 08:30:00+00	2025-03-17 10:30:00+00	7	0	scheduled	\N	\N
524	126	2025-03-31 07:30:00+00	2025-03-31 09:30:00+00	7	0	scheduled	\N	\N
525	127	2025-03-07 08:30:00+00	2025-03-07 10:30:00+00	10	0	scheduled	\N	\N
526	127	2025-03-21 08:30:00+00	2025-03-21 10:30:00+00	10	0	scheduled	\N	\N
527	128	2025-03-13 08:30:00+00	2025-03-13 10:30:00+00	8	0	scheduled	\N	\N
528	128	2025-03-27 08:30:00+00	2025-03-27 10:30:00+00	8	0	scheduled	\N	\N
529	129	2025-03-07 08:00:00+00	2025-03-07 08:45:00+00	1	0	scheduled	\N	\N
530	129	2025-03-07 08:45:00+00	2025-03-07 09:30:00+00	1	0	scheduled	\N	\N
531	129	2025-03-07 09:30:00+00	2025-03-07 10:15:00+00	1	0	scheduled	\N	\N
532	129	2025-03-07 10:15:00+00	2025-03-07 11:00:00+00	1	0	scheduled	\N	\N
533	129	2025-03-14 08:00:00+00	2025-03-14 08:45:00+00	1	0	scheduled	\N	\N
534	129	2025-03-14 08:45:00+00	2025-03-14 09:30:00+00	1	0	scheduled	\N	\N
535	129	2025-03-14 09:30:00+00	2025-03-14 10:15:00+00	1	0	scheduled	\N	\N
536	129	2025-03-14 10:15:00+00	2025-03-14 11:00:00+00	1	0	scheduled	\N	\N
537	129	2025-03-21 08:00:00+00	2025-03-21 08:45:00+00	1	0	scheduled	\N	\N
538	129	2025-03-21 08:45:00+00	2025-03-21 09:30:00+00	1	0	scheduled	\N	\N
539	129	2025-03-21 09:30:00+00	2025-03-21 10:15:00+00	1	0	scheduled	\N	\N
540	129	2025-03-21 10:15:00+00	2025-03-21 11:00:00+00	1	0	scheduled	\N	\N
541	129	2025-03-28 08:00:00+00	2025-03-28 08:45:00+00	1	0	scheduled	\N	\N
542	129	2025-03-28 08:45:00+00	2025-03-28 09:30:00+00	1	0	scheduled	\N	\N
543	129	2025-03-28 09:30:00+00	2025-03-28 10:15:00+00	1	0	scheduled	\N	\N
544	129	2025-03-28 10:15:00+00	2025-03-28 11:00:00+00	1	0	scheduled	\N	\N
545	130	2025-03-05 08:30:00+00	2025-03-05 10:30:00+00	6	0	scheduled	\N	\N
546	130	2025-03-19 08:30:00+00	2025-03-19 10:30:00+00	6	0	scheduled	\N	\N
547	131	2025-03-11 08:30:00+00	2025-03-11 10:30:00+00	10	0	scheduled	\N	\N
548	131	2025-03-25 08:30:00+00	2025-03-25 10:30:00+00	10	0	scheduled	\N	\N
549	132	2025-03-03 08:30:00+00	2025-03-03 10:30:00+00	7	0	scheduled	\N	\N
550	132	2025-03-17 08:30:00+00	2025-03-17 10:30:00+00	7	0	scheduled	\N	\N
551	132	2025-03-31 07:30:00+00	2025-03-31 09:30:00+00	7	0	scheduled	\N	\N
552	133	2025-03-06 13:00:00+00	2025-03-06 15:00:00+00	7	0	scheduled	\N	\N
553	133	2025-03-20 13:00:00+00	2025-03-20 15:00:00+00	7	0	scheduled	\N	\N
554	134	2025-03-12 13:00:00+00	2025-03-12 15:00:00+00	10	0	scheduled	\N	\N
555	134	2025-03-26 13:00:00+00	2025-03-26 15:00:00+00	10	0	scheduled	\N	\N
556	135	2025-03-06 08:00:00+00	2025-03-06 08:45:00+00	1	0	scheduled	\N	\N
557	135	2025-03-06 08:45:00+00	2025-03-06 09:30:00+00	1	0	scheduled	\N	\N
558	135	2025-03-06 09:30:00+00	2025-03-06 10:15:00+00	1	0	scheduled	\N	\N
559	135	2025-03-06 10:15:00+00	2025-03-06 11:00:00+00	1	0	scheduled	\N	\N
560	135	2025-03-13 08:00:00+00	2025-03-13 08:45:00+00	1	0	scheduled	\N	\N
561	135	2025-03-13 08:45:00+00	2025-03-13 09:30:00+00	1	0	scheduled	\N	\N
562	135	2025-03-13 09:30:00+00	2025-03-13 10:15:00+00	1	0	scheduled	\N	\N
563	135	2025-03-13 10:15:00+00	2025-03-13 11:00:00+00	1	0	scheduled	\N	\N
564	135	2025-03-20 08:00:00+00	2025-03-20 08:45:00+00	1	0	scheduled	\N	\N
565	135	2025-03-20 08:45:00+00	2025-03-20 09:30:00+00	1	0	scheduled	\N	\N
566	135	2025-03-20 09:30:00+00	2025-03-20 10:15:00+00	1	0	scheduled	\N	\N
567	135	2025-03-20 10:15:00+00	2025-03-20 11:00:00+00	1	0	scheduled	\N	\N
568	135	2025-03-27 08:00:00+00	2025-03-27 08:45:00+00	1	0	scheduled	\N	\N
569	135	2025-03-27 08:45:00+00	2025-03-27 09:30:00+00	1	0	scheduled	\N	\N
570	135	2025-03-27 09:30:00+00	2025-03-27 10:15:00+00	1	0	scheduled	\N	\N
571	135	2025-03-27 10:15:00+00	2025-03-27 11:00:00+00	1	0	scheduled	\N	\N
572	136	2025-03-12 13:00:00+00	2025-03-12 15:00:00+00	8	0	scheduled	\N	\N
573	136	2025-03-26 13:00:00+00	2025-03-26 15:00:00+00	8	0	scheduled	\N	\N
574	137	2025-03-04 13:00:00+00	2025-03-04 15:00:00+00	6	0	scheduled	\N	\N
575	137	2025-03-18 13:00:00+00	2025-03-18 15:00:00+00	6	0	scheduled	\N	\N
576	138	2025-03-10 13:00:00+00	2025-03-10 15:00:00+00	9	0	scheduled	\N	\N
577	138	2025-03-24 13:00:00+00	2025-03-24 15:00:00+00	9	0	scheduled	\N	\N
578	139	2025-03-14 13:00:00+00	2025-03-14 15:00:00+00	10	0	scheduled	\N	\N
579	139	2025-03-28 13:00:00+00	2025-03-28 15:00:00+00	10	0	scheduled	\N	\N
580	140	2025-03-06 13:00:00+00	2025-03-06 15:00:00+00	7	0	scheduled	\N	\N
581	140	2025-03-20 13:00:00+00	2025-03-20 15:00:00+00	7	0	scheduled	\N	\N
582	141	2025-03-07 08:00:00+00	2025-03-07 08:45:00+00	1	0	scheduled	\N	\N
583	141	2025-03-07 08:45:00+00	2025-03-07 09:30:00+00	1	0	scheduled	\N	\N
584	141	2025-03-07 09:30:00+00	2025-03-07 10:15:00+00	1	0	scheduled	\N	\N
585	141	2025-03-07 10:15:00+00	2025-03-07 11:00:00+00	1	0	scheduled	\N	\N
586	141	2025-03-14 08:00:00+00	2025-03-14 08:45:00+00	1	0	scheduled	\N	\N
587	141	2025-03-14 08:45:00+00	2025-03-14 09:30:00+00	1	0	scheduled	\N	\N
588	141	2025-03-14 09:30:00+00	2025-03-14 10:15:00+00	1	0	scheduled	\N	\N
589	141	2025-03-14 10:15:00+00	2025-03-14 11:00:00+00	1	0	scheduled	\N	\N
590	141	2025-03-21 08:00:00+00	2025-03-21 08:45:00+00	1	0	scheduled	\N	\N
591	141	2025-03-21 08:45:00+00	2025-03-21 09:30:00+00	1	0	scheduled	\N	\N
592	141	2025-03-21 09:30:00+00	2025-03-21 10:15:00+00	1	0	scheduled	\N	\N
593	141	2025-03-21 10:15:00+00	2025-03-21 11:00:00+00	1	0	scheduled	\N	\N
594	141	2025-03-28 08:00:00+00	2025-03-28 08:45:00+00	1	0	scheduled	\N	\N
595	141	2025-03-28 08:45:00+00	2025-03-28 09:30:00+00	1	0	scheduled	\N	\N
596	141	2025-03-28 09:30:00+00	2025-03-28 10:15:00+00	1	0	scheduled	\N	\N
597	141	2025-03-28 10:15:00+00	2025-03-28 11:00:00+00	1	0	scheduled	\N	\N
598	142	2025-03-04 13:00:00+00	2025-03-04 15:00:00+00	8	0	scheduled	\N	\N
599	142	2025-03-18 13:00:00+00	2025-03-18 15:00:00+00	8	0	scheduled	\N	\N
600	143	2025-03-10 13:00:00+00	2025-03-10 15:00:00+00	10	0	scheduled	\N	\N
601	143	2025-03-24 13:00:00+00	2025-03-24 15:00:00+00	10	0	scheduled	\N	\N
602	144	2025-03-14 13:00:00+00	2025-03-14 15:00:00+00	6	0	scheduled	\N	\N
603	144	2025-03-28 13:00:00+00	2025-03-28 15:00:00+00	6	0	scheduled	\N	\N
604	145	2025-03-06 08:30:00+00	2025-03-06 10:30:00+00	6	0	scheduled	\N	\N
605	145	2025-03-20 08:30:00+00	2025-03-20 10:30:00+00	6	0	scheduled	\N	\N
606	146	2025-03-12 08:30:00+00	2025-03-12 10:30:00+00	7	0	scheduled	\N	\N
607	146	2025-03-26 08:30:00+00	2025-03-26 10:30:00+00	7	0	scheduled	\N	\N
608	147	2025-03-04 08:00:00+00	2025-03-04 08:45:00+00	1	0	scheduled	\N	\N
609	147	2025-03-04 08:45:00+00	2025-03-04 09:30:00+00	1	0	scheduled	\N	\N
610	147	2025-03-04 09:30:00+00	2025-03-04 10:15:00+00	1	0	scheduled	\N	\N
611	147	2025-03-04 10:15:00+00	2025-03-04 11:00:00+00	1	0	scheduled	\N	\N
612	147	2025-03-11 08:00:00+00	2025-03-11 08:45:00+00	1	0	scheduled	\N	\N
613	147	2025-03-11 08:45:00+00	2025-03-11 09:30:00+00	1	0	scheduled	\N	\N
614	147	2025-03-11 09:30:00+00	2025-03-11 10:15:00+00	1	0	scheduled	\N	\N
615	147	2025-03-11 10:15:00+00	2025-03-11 11:00:00+00	1	0	scheduled	\N	\N
616	147	2025-03-18 08:00:00+00	2025-03-18 08:45:00+00	1	0	scheduled	\N	\N
617	147	2025-03-18 08:45:00+00	2025-03-18 09:30:00+00	1	0	scheduled	\N	\N
618	147	2025-03-18 09:30:00+00	2025-03-18 10:15:00+00	1	0	scheduled	\N	\N
619	147	2025-03-18 10:15:00+00	2025-03-18 11:00:00+00	1	0	scheduled	\N	\N
620	147	2025-03-25 08:00:00+00	2025-03-25 08:45:00+00	1	0	scheduled	\N	\N
621	147	2025-03-25 08:45:00+00	2025-03-25 09:30:00+00	1	0	scheduled	\N	\N
622	147	2025-03-25 09:30:00+00	2025-03-25 10:15:00+00	1	0	scheduled	\N	\N
623	147	2025-03-25 10:15:00+00	2025-03-25 11:00:00+00	1	0	scheduled	\N	\N
624	148	2025-03-06 13:00:00+00	2025-03-06 15:00:00+00	7	0	scheduled	\N	\N
625	148	2025-03-20 13:00:00+00	2025-03-20 15:00:00+00	7	0	scheduled	\N	\N
626	149	2025-03-12 13:00:00+00	2025-03-12 15:00:00+00	7	0	scheduled	\N	\N
627	149	2025-03-26 13:00:00+00	2025-03-26 15:00:00+00	7	0	scheduled	\N	\N
628	150	2025-03-04 13:00:00+00	2025-03-04 15:00:00+00	7	0	scheduled	\N	\N
629	150	2025-03-18 13:00:00+00	2025-03-18 15:00:00+00	7	0	scheduled	\N	\N
630	151	2025-03-10 08:30:00+00	2025-03-10 10:30:00+00	7	0	scheduled	\N	\N
631	151	2025-03-24 08:30:00+00	2025-03-24 10:30:00+00	7	0	scheduled	\N	\N
632	152	2025-03-14 08:30:00+00	2025-03-14 10:30:00+00	10	0	scheduled	\N	\N
633	152	2025-03-28 08:30:00+00	2025-03-28 10:30:00+00	10	0	scheduled	\N	\N
634	153	2025-03-05 08:00:00+00	2025-03-05 08:45:00+00	1	0	scheduled	\N	\N
635	153	2025-03-05 08:45:00+00	2025-03-05 09:30:00+00	1	0	scheduled	\N	\N
636	153	2025-03-05 09:30:00+00	2025-03-05 10:15:00+00	1	0	scheduled	\N	\N
637	153	2025-03-05 10:15:00+00	2025-03-05 11:00:00+00	1	0	scheduled	\N	\N
638	153	2025-03-12 08:00:00+00	2025-03-12 08:45:00+00	1	0	scheduled	\N	\N
639	153	2025-03-12 08:45:00+00	2025-03-12 09:30:00+00	1	0	scheduled	\N	\N
640	153	2025-03-12 09:30:00+00	2025-03-12 10:15:00+00	1	0	scheduled	\N	\N
641	153	2025-03-12 10:15:00+00	2025-03-12 11:00:00+00	1	0	scheduled	\N	\N
642	153	2025-03-19 08:00:00+00	2025-03-19 08:45:00+00	1	0	scheduled	\N	\N
643	153	2025-03-19 08:45:00+00	2025-03-19 09:30:00+00	1	0	scheduled	\N	\N
644	153	2025-03-19 09:30:00+00	2025-03-19 10:15:00+00	1	0	scheduled	\N	\N
645	153	2025-03-19 10:15:00+00	2025-03-19 11:00:00+00	1	0	scheduled	\N	\N
646	153	2025-03-26 08:00:00+00	2025-03-26 08:45:00+00	1	0	scheduled	\N	\N
647	153	2025-03-26 08:45:00+00	2025-03-26 09:30:00+00	1	0	scheduled	\N	\N
648	153	2025-03-26 09:30:00+00	2025-03-26 10:15:00+00	1	0	scheduled	\N	\N
649	153	2025-03-26 10:15:00+00	2025-03-26 11:00:00+00	1	0	scheduled	\N	\N
650	154	2025-03-11 08:30:00+00	2025-03-11 10:30:00+00	10	0	scheduled	\N	\N
651	154	2025-03-25 08:30:00+00	2025-03-25 10:30:00+00	10	0	scheduled	\N	\N
652	155	2025-03-03 08:30:00+00	2025-03-03 10:30:00+00	10	0	scheduled	\N	\N
653	155	2025-03-17 08:30:00+00	2025-03-17 10:30:00+00	10	0	scheduled	\N	\N
654	155	2025-03-31 07:30:00+00	2025-03-31 09:30:00+00	10	0	scheduled	\N	\N
655	156	2025-03-07 08:30:00+00	2025-03-07 10:30:00+00	8	0	scheduled	\N	\N
656	156	2025-03-21 08:30:00+00	2025-03-21 10:30:00+00	8	0	scheduled	\N	\N
657	157	2025-03-13 08:30:00+00	2025-03-13 10:30:00+00	7	0	scheduled	\N	\N
658	157	2025-03-27 08:30:00+00	2025-03-27 10:30:00+00	7	0	scheduled	\N	\N
659	158	2025-03-04 13:00:00+00	2025-03-04 15:00:00+00	6	0	scheduled	\N	\N
660	158	2025-03-18 13:00:00+00	2025-03-18 15:00:00+00	6	0	scheduled	\N	\N
661	159	2025-03-05 08:00:00+00	2025-03-05 08:45:00+00	1	0	scheduled	\N	\N
662	159	2025-03-05 08:45:00+00	2025-03-05 09:30:00+00	1	0	scheduled	\N	\N
663	159	2025-03-05 09:30:00+00	2025-03-05 10:15:00+00	1	0	scheduled	\N	\N
664	159	2025-03-05 10:15:00+00	2025-03-05 11:00:00+00	1	0	scheduled	\N	\N
665	159	2025-03-12 08:00:00+00	2025-03-12 08:45:00+00	1	0	scheduled	\N	\N
666	159	2025-03-12 08:45:00+00	2025-03-12 09:30:00+00	1	0	scheduled	\N	\N
667	159	2025-03-12 09:30:00+00	2025-03-12 10:15:00+00	1	0	scheduled	\N	\N
668	159	2025-03-12 10:15:00+00	2025-03-12 11:00:00+00	1	0	scheduled	\N	\N
669	159	2025-03-19 08:00:00+00	2025-03-19 08:45:00+00	1	0	scheduled	\N	\N
670	159	2025-03-19 08:45:00+00	2025-03-19 09:30:00+00	1	0	scheduled	\N	\N
671	159	2025-03-19 09:30:00+00	2025-03-19 10:15:00+00	1	0	scheduled	\N	\N
672	159	2025-03-19 10:15:00+00	2025-03-19 11:00:00+00	1	0	scheduled	\N	\N
673	159	2025-03-26 08:00:00+00	2025-03-26 08:45:00+00	1	0	scheduled	\N	\N
674	159	2025-03-26 08:45:00+00	2025-03-26 09:30:00+00	1	0	scheduled	\N	\N
675	159	2025-03-26 09:30:00+00	2025-03-26 10:15:00+00	1	0	scheduled	\N	\N
676	159	2025-03-26 10:15:00+00	2025-03-26 11:00:00+00	1	0	scheduled	\N	\N
677	160	2025-03-13 08:30:00+00	2025-03-13 10:30:00+00	8	0	scheduled	\N	\N
678	160	2025-03-27 08:30:00+00	2025-03-27 10:30:00+00	8	0	scheduled	\N	\N
679	161	2025-03-04 13:00:00+00	2025-03-04 15:00:00+00	7	0	scheduled	\N	\N
680	161	2025-03-18 13:00:00+00	2025-03-18 15:00:00+00	7	0	scheduled	\N	\N
681	162	2025-03-10 13:00:00+00	2025-03-10 15:00:00+00	7	0	scheduled	\N	\N
682	162	2025-03-24 13:00:00+00	2025-03-24 15:00:00+00	7	0	scheduled	\N	\N
683	163	2025-03-14 13:00:00+00	2025-03-14 15:00:00+00	7	0	scheduled	\N	\N
684	163	2025-03-28 13:00:00+00	2025-03-28 15:00:00+00	7	0	scheduled	\N	\N
685	164	2025-03-06 13:00:00+00	2025-03-06 15:00:00+00	8	0	scheduled	\N	\N
686	164	2025-03-20 13:00:00+00	2025-03-20 15:00:00+00	8	0	scheduled	\N	\N
687	165	2025-03-03 08:45:00+00	2025-03-03 09:30:00+00	1	0	scheduled	\N	\N
688	165	2025-03-03 09:30:00+00	2025-03-03 10:15:00+00	1	0	scheduled	\N	\N
689	165	2025-03-03 10:15:00+00	2025-03-03 11:00:00+00	1	0	scheduled	\N	\N
690	165	2025-03-10 08:00:00+00	2025-03-10 08:45:00+00	1	0	scheduled	\N	\N
691	165	2025-03-10 08:45:00+00	2025-03-10 09:30:00+00	1	0	scheduled	\N	\N
692	165	2025-03-10 09:30:00+00	2025-03-10 10:15:00+00	1	0	scheduled	\N	\N
693	165	2025-03-10 10:15:00+00	2025-03-10 11:00:00+00	1	0	scheduled	\N	\N
694	165	2025-03-17 08:00:00+00	2025-03-17 08:45:00+00	1	0	scheduled	\N	\N
695	165	2025-03-17 08:45:00+00	2025-03-17 09:30:00+00	1	0	scheduled	\N	\N
696	165	2025-03-17 09:30:00+00	2025-03-17 10:15:00+00	1	0	scheduled	\N	\N
697	165	2025-03-17 10:15:00+00	2025-03-17 11:00:00+00	1	0	scheduled	\N	\N
698	165	2025-03-24 08:00:00+00	2025-03-24 08:45:00+00	1	0	scheduled	\N	\N
699	165	2025-03-24 08:45:00+00	2025-03-24 09:30:00+00	1	0	scheduled	\N	\N
700	165	2025-03-24 09:30:00+00	2025-03-24 10:15:00+00	1	0	scheduled	\N	\N
701	165	2025-03-24 10:15:00+00	2025-03-24 11:00:00+00	1	0	scheduled	\N	\N
702	165	2025-03-31 07:00:00+00	2025-03-31 07:45:00+00	1	0	scheduled	\N	\N
703	165	2025-03-31 07:45:00+00	2025-03-31 08:30:00+00	1	0	scheduled	\N	\N
704	166	2025-03-13 08:30:00+00	2025-03-13 10:30:00+00	9	0	scheduled	\N	\N
705	166	2025-03-27 08:30:00+00	2025-03-27 10:30:00+00	9	0	scheduled	\N	\N
706	167	2025-03-05 08:30:00+00	2025-03-05 10:30:00+00	7	0	scheduled	\N	\N
707	167	2025-03-19 08:30:00+00	2025-03-19 10:30:00+00	7	0	scheduled	\N	\N
708	168	2025-03-11 08:30:00+00	2025-03-11 10:30:00+00	8	0	scheduled	\N	\N
709	168	2025-03-25 08:30:00+00	2025-03-25 10:30:00+00	8	0	scheduled	\N	\N
710	169	2025-03-14 13:00:00+00	2025-03-14 15:00:00+00	9	0	scheduled	\N	\N
711	169	2025-03-28 13:00:00+00	2025-03-28 15:00:00+00	9	0	scheduled	\N	\N
712	170	2025-03-06 13:00:00+00	2025-03-06 15:00:00+00	9	0	scheduled	\N	\N
713	170	2025-03-20 13:00:00+00	2025-03-20 15:00:00+00	9	0	scheduled	\N	\N
714	171	2025-03-05 09:00:00+00	2025-03-05 10:00:00+00	1	1	scheduled	\N	\N
715	172	2025-03-04 13:00:00+00	2025-03-04 15:00:00+00	8	1	scheduled	\N	\N
\.


--
-- Data for Name: structure_programmes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.structure_programmes (structure_id, programme) FROM stdin;
1	conseillers_numeriques
2	conseillers_numeriques
3	conseillers_numeriques
4	conseillers_numeriques
5	conseillers_numeriques
6	conseillers_numeriques
7	conseillers_numeriques
8	conseillers_numeriques
9	conseillers_numeriques
10	conseillers_numeriques
11	conseillers_numeriques
12	conseillers_numeriques
13	conseillers_numeriques
14	conseillers_numeriques
15	conseillers_numeriques
16	conseillers_numeriques
17	conseillers_numeriques
18	conseillers_numeriques
19	conseillers_numeriques
20	conseillers_numeriques
21	conseillers_numeriques
22	conseillers_numeriques
23	conseillers_numeriques
24	conseillers_numeriques
25	conseillers_numeriques
26	conseillers_numeriques
27	conseillers_numeriques
28	conseillers_numeriques
\.


--
-- Data for Name: structure_themes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.structure_themes (structure_id, theme) FROM stdin;
1	papiers
1	retraite
1	sante
1	courriel
1	caf
2	courriel
2	securite
2	papiers
2	equipement
2	caf
2	emploi
2	retraite
2	impots
3	retraite
3	courriel
3	papiers
3	emploi
3	equipement
3	securite
3	impots
3	caf
4	retraite
4	courriel
4	caf
4	papiers
4	sante
5	papiers
5	courriel
5	impots
6	equipement
6	courriel
6	scolarite
6	emploi
6	papiers
6	impots
6	caf
7	impots
7	scolarite
7	equipement
7	securite
7	papiers
7	courriel
8	courriel
8	papiers
8	achats
8	impots
9	impots
9	retraite
9	courriel
9	sante
9	caf
9	papiers
9	emploi
10	securite
10	achats
10	retraite
10	courriel
10	sante
11	papiers
11	caf
11	courriel
11	emploi
11	impots
12	achats
12	securite
12	courriel
12	scolarite
12	equipement
13	caf
13	papiers
13	impots
13	achats
13	securite
14	courriel
14	sante
14	emploi
14	papiers
15	papiers
15	securite
16	scolarite
16	courriel
16	achats
16	equipement
16	securite
17	courriel
17	papiers
17	caf
17	sante
17	retraite
18	retraite
18	sante
18	courriel
18	papiers
18	caf
19	sante
19	courriel
19	retraite
19	papiers
19	caf
20	courriel
20	caf
20	sante
20	retraite
20	papiers
21	papiers
21	retraite
21	caf
21	courriel
21	sante
22	caf
22	scolarite
22	impots
22	papiers
22	courriel
23	scolarite
23	caf
23	impots
23	courriel
23	papiers
24	papiers
24	impots
24	caf
24	scolarite
24	courriel
25	caf
25	courriel
25	impots
25	papiers
25	scolarite
26	courriel
26	papiers
26	impots
26	caf
26	scolarite
27	impots
27	scolarite
27	courriel
27	caf
27	papiers
28	impots
28	papiers
28	retraite
28	caf
28	courriel
\.


--
-- Data for Name: user_drafts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.user_drafts (user_id, data, updated_at) FROM stdin;
1001	{"language": "fr", "theme": "impots", "commune_insee": "82112", "lat": 44.10481, "lon": 1.08487}	2025-03-03 08:00:00+00
1002	{"language": "fr", "theme": "caf", "commune_insee": "82112", "lat": 44.10481, "lon": 1.08487}	2025-03-03 08:00:00+00
1003	{"language": "fr", "theme": "impots", "commune_insee": "82112", "lat": 44.10481, "lon": 1.08487}	2025-03-03 08:00:00+00
1004	{"language": "fr", "theme": "impots", "commune_insee": "82112", "lat": 44.10481, "lon": 1.08487}	2025-03-03 08:00:00+00
1005	{"language": "fr", "theme": "impots", "commune_insee": null, "lat": null, "lon": null}	2025-03-03 08:00:00+00
\.


--
-- Data for Name: waitlist_entries; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.waitlist_entries (id, slot_id, resident_id, status, created_at, offered_at, offer_expires_at, decided_at) FROM stdin;
1	714	3	waiting	2025-03-03 08:00:00+00	\N	\N	\N
\.


--
-- Data for Name: workshop_themes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.workshop_themes (workshop_id, theme) FROM stdin;
1	courriel
1	caf
1	sante
1	papiers
1	retraite
2	courriel
3	caf
4	sante
5	papiers
6	retraite
7	courriel
7	impots
7	caf
7	emploi
7	papiers
7	retraite
7	equipement
7	securite
8	courriel
9	impots
10	caf
11	emploi
12	papiers
13	retraite
14	equipement
15	securite
16	courriel
16	impots
16	caf
16	emploi
16	papiers
16	retraite
16	equipement
16	securite
17	courriel
18	impots
19	caf
20	emploi
21	papiers
22	retraite
23	equipement
24	securite
25	courriel
25	caf
25	sante
25	papiers
25	retraite
26	courriel
27	caf
28	sante
29	papiers
30	retraite
31	courriel
31	impots
31	papiers
32	courriel
33	impots
34	papiers
35	courriel
35	impots
35	caf
35	emploi
35	papiers
35	equipement
35	scolarite
36	courriel
37	impots
38	caf
39	emploi
40	papiers
41	equipement
42	scolarite
43	courriel
43	impots
43	papiers
43	equipement
43	securite
43	scolarite
44	courriel
45	impots
46	papiers
47	equipement
48	securite
49	scolarite
50	courriel
50	impots
50	papiers
50	achats
51	courriel
52	impots
53	papiers
54	achats
55	courriel
55	impots
55	caf
55	emploi
55	sante
55	papiers
55	retraite
56	courriel
57	impots
58	caf
59	emploi
60	sante
61	papiers
62	retraite
63	courriel
63	sante
63	retraite
63	securite
63	achats
64	courriel
65	sante
66	retraite
67	securite
68	achats
69	courriel
69	impots
69	caf
69	emploi
69	papiers
70	courriel
71	impots
72	caf
73	emploi
74	papiers
75	courriel
76	equipement
77	securite
78	scolarite
79	achats
80	impots
80	caf
80	papiers
80	securite
80	achats
81	impots
82	caf
83	papiers
84	securite
85	achats
86	courriel
86	emploi
86	sante
86	papiers
87	courriel
88	emploi
89	sante
90	papiers
91	papiers
91	securite
92	papiers
93	securite
94	courriel
95	equipement
96	securite
97	scolarite
98	achats
99	courriel
99	caf
99	sante
99	papiers
99	retraite
100	courriel
101	caf
102	sante
103	papiers
104	retraite
105	courriel
105	caf
105	sante
105	papiers
105	retraite
106	courriel
107	caf
108	sante
109	papiers
110	retraite
111	courriel
111	caf
111	sante
111	papiers
111	retraite
112	courriel
113	caf
114	sante
115	papiers
116	retraite
117	courriel
117	caf
117	sante
117	papiers
117	retraite
118	courriel
119	caf
120	sante
121	papiers
122	retraite
123	courriel
123	caf
123	sante
123	papiers
123	retraite
124	courriel
125	caf
126	sante
127	papiers
128	retraite
129	courriel
129	impots
129	caf
129	papiers
129	scolarite
130	courriel
131	impots
132	caf
133	papiers
134	scolarite
135	courriel
135	impots
135	caf
135	papiers
135	scolarite
136	courriel
137	impots
138	caf
139	papiers
140	scolarite
141	courriel
141	impots
141	caf
141	papiers
141	scolarite
142	courriel
143	impots
144	caf
145	papiers
146	scolarite
147	courriel
147	impots
147	caf
147	papiers
147	scolarite
148	courriel
149	impots
150	caf
151	papiers
152	scolarite
153	courriel
153	impots
153	caf
153	papiers
153	scolarite
154	courriel
155	impots
156	caf
157	papiers
158	scolarite
159	courriel
159	impots
159	caf
159	papiers
159	scolarite
160	courriel
161	impots
162	caf
163	papiers
164	scolarite
165	courriel
165	impots
165	caf
165	papiers
165	retraite
166	courriel
167	impots
168	caf
169	papiers
170	retraite
171	caf
171	impots
171	papiers
172	impots
\.


--
-- Data for Name: workshops; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.workshops (id, structure_id, title, kind, advisor_id, is_demo) FROM stdin;
1	1	Permanence numérique : rendez-vous individuel	individual	\N	t
2	1	Créer et utiliser sa boîte mail	collective	\N	t
3	1	Mes démarches CAF en ligne	collective	\N	t
4	1	Mon compte Ameli	collective	\N	t
5	1	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
6	1	Mon espace retraite en ligne	collective	\N	t
7	2	Permanence numérique : rendez-vous individuel	individual	\N	t
8	2	Créer et utiliser sa boîte mail	collective	\N	t
9	2	Déclarer ses impôts en ligne	collective	\N	t
10	2	Mes démarches CAF en ligne	collective	\N	t
11	2	Mon espace France Travail	collective	\N	t
12	2	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
13	2	Mon espace retraite en ligne	collective	\N	t
14	2	Premiers pas avec le smartphone	collective	\N	t
15	2	Éviter les arnaques en ligne	collective	\N	t
16	3	Permanence numérique : rendez-vous individuel	individual	\N	t
17	3	Créer et utiliser sa boîte mail	collective	\N	t
18	3	Déclarer ses impôts en ligne	collective	\N	t
19	3	Mes démarches CAF en ligne	collective	\N	t
20	3	Mon espace France Travail	collective	\N	t
21	3	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
22	3	Mon espace retraite en ligne	collective	\N	t
23	3	Premiers pas avec le smartphone	collective	\N	t
24	3	Éviter les arnaques en ligne	collective	\N	t
25	4	Permanence numérique : rendez-vous individuel	individual	\N	t
26	4	Créer et utiliser sa boîte mail	collective	\N	t
27	4	Mes démarches CAF en ligne	collective	\N	t
28	4	Mon compte Ameli	collective	\N	t
29	4	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
30	4	Mon espace retraite en ligne	collective	\N	t
31	5	Permanence numérique : rendez-vous individuel	individual	\N	t
32	5	Créer et utiliser sa boîte mail	collective	\N	t
33	5	Déclarer ses impôts en ligne	collective	\N	t
34	5	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
35	6	Permanence numérique : rendez-vous individuel	individual	\N	t
36	6	Créer et utiliser sa boîte mail	collective	\N	t
37	6	Déclarer ses impôts en ligne	collective	\N	t
38	6	Mes démarches CAF en ligne	collective	\N	t
39	6	Mon espace France Travail	collective	\N	t
40	6	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
41	6	Premiers pas avec le smartphone	collective	\N	t
42	6	Suivre la scolarité de son enfant en ligne	collective	\N	t
43	7	Permanence numérique : rendez-vous individuel	individual	\N	t
44	7	Créer et utiliser sa boîte mail	collective	\N	t
45	7	Déclarer ses impôts en ligne	collective	\N	t
46	7	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
47	7	Premiers pas avec le smartphone	collective	\N	t
48	7	Éviter les arnaques en ligne	collective	\N	t
49	7	Suivre la scolarité de son enfant en ligne	collective	\N	t
50	8	Permanence numérique : rendez-vous individuel	individual	\N	t
51	8	Créer et utiliser sa boîte mail	collective	\N	t
52	8	Déclarer ses impôts en ligne	collective	\N	t
53	8	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
54	8	Acheter en ligne en toute confiance	collective	\N	t
55	9	Permanence numérique : rendez-vous individuel	individual	\N	t
56	9	Créer et utiliser sa boîte mail	collective	\N	t
57	9	Déclarer ses impôts en ligne	collective	\N	t
58	9	Mes démarches CAF en ligne	collective	\N	t
59	9	Mon espace France Travail	collective	\N	t
60	9	Mon compte Ameli	collective	\N	t
61	9	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
62	9	Mon espace retraite en ligne	collective	\N	t
63	10	Permanence numérique : rendez-vous individuel	individual	\N	t
64	10	Créer et utiliser sa boîte mail	collective	\N	t
65	10	Mon compte Ameli	collective	\N	t
66	10	Mon espace retraite en ligne	collective	\N	t
67	10	Éviter les arnaques en ligne	collective	\N	t
68	10	Acheter en ligne en toute confiance	collective	\N	t
69	11	Permanence numérique : rendez-vous individuel	individual	\N	t
70	11	Créer et utiliser sa boîte mail	collective	\N	t
71	11	Déclarer ses impôts en ligne	collective	\N	t
72	11	Mes démarches CAF en ligne	collective	\N	t
73	11	Mon espace France Travail	collective	\N	t
74	11	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
75	12	Créer et utiliser sa boîte mail	collective	\N	t
76	12	Premiers pas avec le smartphone	collective	\N	t
77	12	Éviter les arnaques en ligne	collective	\N	t
78	12	Suivre la scolarité de son enfant en ligne	collective	\N	t
79	12	Acheter en ligne en toute confiance	collective	\N	t
80	13	Permanence numérique : rendez-vous individuel	individual	\N	t
81	13	Déclarer ses impôts en ligne	collective	\N	t
82	13	Mes démarches CAF en ligne	collective	\N	t
83	13	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
84	13	Éviter les arnaques en ligne	collective	\N	t
85	13	Acheter en ligne en toute confiance	collective	\N	t
86	14	Permanence numérique : rendez-vous individuel	individual	\N	t
87	14	Créer et utiliser sa boîte mail	collective	\N	t
88	14	Mon espace France Travail	collective	\N	t
89	14	Mon compte Ameli	collective	\N	t
90	14	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
91	15	Permanence numérique : rendez-vous individuel	individual	\N	t
92	15	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
93	15	Éviter les arnaques en ligne	collective	\N	t
94	16	Créer et utiliser sa boîte mail	collective	\N	t
95	16	Premiers pas avec le smartphone	collective	\N	t
96	16	Éviter les arnaques en ligne	collective	\N	t
97	16	Suivre la scolarité de son enfant en ligne	collective	\N	t
98	16	Acheter en ligne en toute confiance	collective	\N	t
99	17	Permanence numérique : rendez-vous individuel	individual	\N	t
100	17	Créer et utiliser sa boîte mail	collective	\N	t
101	17	Mes démarches CAF en ligne	collective	\N	t
102	17	Mon compte Ameli	collective	\N	t
103	17	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
104	17	Mon espace retraite en ligne	collective	\N	t
105	18	Permanence numérique : rendez-vous individuel	individual	\N	t
106	18	Créer et utiliser sa boîte mail	collective	\N	t
107	18	Mes démarches CAF en ligne	collective	\N	t
108	18	Mon compte Ameli	collective	\N	t
109	18	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
110	18	Mon espace retraite en ligne	collective	\N	t
111	19	Permanence numérique : rendez-vous individuel	individual	\N	t
112	19	Créer et utiliser sa boîte mail	collective	\N	t
113	19	Mes démarches CAF en ligne	collective	\N	t
114	19	Mon compte Ameli	collective	\N	t
115	19	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
116	19	Mon espace retraite en ligne	collective	\N	t
117	20	Permanence numérique : rendez-vous individuel	individual	\N	t
118	20	Créer et utiliser sa boîte mail	collective	\N	t
119	20	Mes démarches CAF en ligne	collective	\N	t
120	20	Mon compte Ameli	collective	\N	t
121	20	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
122	20	Mon espace retraite en ligne	collective	\N	t
123	21	Permanence numérique : rendez-vous individuel	individual	\N	t
124	21	Créer et utiliser sa boîte mail	collective	\N	t
125	21	Mes démarches CAF en ligne	collective	\N	t
126	21	Mon compte Ameli	collective	\N	t
127	21	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
128	21	Mon espace retraite en ligne	collective	\N	t
129	22	Permanence numérique : rendez-vous individuel	individual	\N	t
130	22	Créer et utiliser sa boîte mail	collective	\N	t
131	22	Déclarer ses impôts en ligne	collective	\N	t
132	22	Mes démarches CAF en ligne	collective	\N	t
133	22	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
134	22	Suivre la scolarité de son enfant en ligne	collective	\N	t
135	23	Permanence numérique : rendez-vous individuel	individual	\N	t
136	23	Créer et utiliser sa boîte mail	collective	\N	t
137	23	Déclarer ses impôts en ligne	collective	\N	t
138	23	Mes démarches CAF en ligne	collective	\N	t
139	23	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
140	23	Suivre la scolarité de son enfant en ligne	collective	\N	t
141	24	Permanence numérique : rendez-vous individuel	individual	\N	t
142	24	Créer et utiliser sa boîte mail	collective	\N	t
143	24	Déclarer ses impôts en ligne	collective	\N	t
144	24	Mes démarches CAF en ligne	collective	\N	t
145	24	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
146	24	Suivre la scolarité de son enfant en ligne	collective	\N	t
147	25	Permanence numérique : rendez-vous individuel	individual	\N	t
148	25	Créer et utiliser sa boîte mail	collective	\N	t
149	25	Déclarer ses impôts en ligne	collective	\N	t
150	25	Mes démarches CAF en ligne	collective	\N	t
151	25	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
152	25	Suivre la scolarité de son enfant en ligne	collective	\N	t
153	26	Permanence numérique : rendez-vous individuel	individual	\N	t
154	26	Créer et utiliser sa boîte mail	collective	\N	t
155	26	Déclarer ses impôts en ligne	collective	\N	t
156	26	Mes démarches CAF en ligne	collective	\N	t
157	26	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
158	26	Suivre la scolarité de son enfant en ligne	collective	\N	t
159	27	Permanence numérique : rendez-vous individuel	individual	\N	t
160	27	Créer et utiliser sa boîte mail	collective	\N	t
161	27	Déclarer ses impôts en ligne	collective	\N	t
162	27	Mes démarches CAF en ligne	collective	\N	t
163	27	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
164	27	Suivre la scolarité de son enfant en ligne	collective	\N	t
165	28	Permanence numérique : rendez-vous individuel	individual	\N	t
166	28	Créer et utiliser sa boîte mail	collective	\N	t
167	28	Déclarer ses impôts en ligne	collective	\N	t
168	28	Mes démarches CAF en ligne	collective	\N	t
169	28	Carte d'identité, permis, carte grise : les démarches en ligne	collective	\N	t
170	28	Mon espace retraite en ligne	collective	\N	t
171	6	Permanence numérique	individual	1	f
172	6	Déclarer ses revenus en ligne	collective	1	f
\.


--
-- Name: advisors_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.advisors_id_seq', 1, true);


--
-- Name: bookings_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.bookings_id_seq', 3, true);


--
-- Name: host_structures_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.host_structures_id_seq', 28, true);


--
-- Name: notifications_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.notifications_id_seq', 9, true);


--
-- Name: residents_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.residents_id_seq', 5, true);


--
-- Name: slots_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.slots_id_seq', 715, true);


--
-- Name: waitlist_entries_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.waitlist_entries_id_seq', 1, true);


--
-- Name: workshops_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.workshops_id_seq', 172, true);


--
-- Name: advisor_structures pk_advisor_structures; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.advisor_structures
    ADD CONSTRAINT pk_advisor_structures PRIMARY KEY (advisor_id, structure_id);


--
-- Name: advisors pk_advisors; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.advisors
    ADD CONSTRAINT pk_advisors PRIMARY KEY (id);


--
-- Name: bookings pk_bookings; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT pk_bookings PRIMARY KEY (id);


--
-- Name: conversation_states pk_conversation_states; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conversation_states
    ADD CONSTRAINT pk_conversation_states PRIMARY KEY (name, key);


--
-- Name: host_structures pk_host_structures; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.host_structures
    ADD CONSTRAINT pk_host_structures PRIMARY KEY (id);


--
-- Name: notifications pk_notifications; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT pk_notifications PRIMARY KEY (id);


--
-- Name: residents pk_residents; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.residents
    ADD CONSTRAINT pk_residents PRIMARY KEY (id);


--
-- Name: slots pk_slots; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.slots
    ADD CONSTRAINT pk_slots PRIMARY KEY (id);


--
-- Name: structure_programmes pk_structure_programmes; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.structure_programmes
    ADD CONSTRAINT pk_structure_programmes PRIMARY KEY (structure_id, programme);


--
-- Name: structure_themes pk_structure_themes; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.structure_themes
    ADD CONSTRAINT pk_structure_themes PRIMARY KEY (structure_id, theme);


--
-- Name: user_drafts pk_user_drafts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_drafts
    ADD CONSTRAINT pk_user_drafts PRIMARY KEY (user_id);


--
-- Name: waitlist_entries pk_waitlist_entries; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waitlist_entries
    ADD CONSTRAINT pk_waitlist_entries PRIMARY KEY (id);


--
-- Name: workshop_themes pk_workshop_themes; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_themes
    ADD CONSTRAINT pk_workshop_themes PRIMARY KEY (workshop_id, theme);


--
-- Name: workshops pk_workshops; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshops
    ADD CONSTRAINT pk_workshops PRIMARY KEY (id);


--
-- Name: advisors uq_advisors_telegram_user_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.advisors
    ADD CONSTRAINT uq_advisors_telegram_user_id UNIQUE (telegram_user_id);


--
-- Name: host_structures uq_host_structures_source_source_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.host_structures
    ADD CONSTRAINT uq_host_structures_source_source_id UNIQUE (source, source_id);


--
-- Name: notifications uq_notifications_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT uq_notifications_key UNIQUE (key);


--
-- Name: residents uq_residents_telegram_user_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.residents
    ADD CONSTRAINT uq_residents_telegram_user_id UNIQUE (telegram_user_id);


--
-- Name: ix_bookings_resident_id_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_bookings_resident_id_status ON public.bookings USING btree (resident_id, status);


--
-- Name: ix_bookings_slot_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_bookings_slot_id ON public.bookings USING btree (slot_id);


--
-- Name: ix_host_structures_commune_insee; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_host_structures_commune_insee ON public.host_structures USING btree (commune_insee);


--
-- Name: ix_notifications_advisor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notifications_advisor_id ON public.notifications USING btree (advisor_id);


--
-- Name: ix_notifications_booking_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notifications_booking_id ON public.notifications USING btree (booking_id);


--
-- Name: ix_notifications_resident_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notifications_resident_id ON public.notifications USING btree (resident_id);


--
-- Name: ix_notifications_slot_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notifications_slot_id ON public.notifications USING btree (slot_id);


--
-- Name: ix_notifications_status_available_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notifications_status_available_at ON public.notifications USING btree (status, available_at);


--
-- Name: ix_notifications_waitlist_entry_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notifications_waitlist_entry_id ON public.notifications USING btree (waitlist_entry_id);


--
-- Name: ix_slots_status_starts_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_slots_status_starts_at ON public.slots USING btree (status, starts_at);


--
-- Name: ix_slots_workshop_id_starts_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_slots_workshop_id_starts_at ON public.slots USING btree (workshop_id, starts_at);


--
-- Name: ix_structure_themes_theme; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_structure_themes_theme ON public.structure_themes USING btree (theme);


--
-- Name: ix_waitlist_entries_resident_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_waitlist_entries_resident_id ON public.waitlist_entries USING btree (resident_id);


--
-- Name: ix_waitlist_entries_slot_id_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_waitlist_entries_slot_id_status ON public.waitlist_entries USING btree (slot_id, status, created_at);


--
-- Name: ix_waitlist_entries_status_offer_expires_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_waitlist_entries_status_offer_expires_at ON public.waitlist_entries USING btree (status, offer_expires_at);


--
-- Name: ix_workshop_themes_theme; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_workshop_themes_theme ON public.workshop_themes USING btree (theme);


--
-- Name: ix_workshops_advisor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_workshops_advisor_id ON public.workshops USING btree (advisor_id);


--
-- Name: ix_workshops_structure_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_workshops_structure_id ON public.workshops USING btree (structure_id);


--
-- Name: uq_bookings_active_slot_resident; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_bookings_active_slot_resident ON public.bookings USING btree (slot_id, resident_id) WHERE ((status)::text = 'booked'::text);


--
-- Name: uq_waitlist_entries_active_slot_resident; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_waitlist_entries_active_slot_resident ON public.waitlist_entries USING btree (slot_id, resident_id) WHERE ((status)::text = ANY ((ARRAY['waiting'::character varying, 'offered'::character varying])::text[]));


--
-- Name: advisor_structures fk_advisor_structures_advisor_id_advisors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.advisor_structures
    ADD CONSTRAINT fk_advisor_structures_advisor_id_advisors FOREIGN KEY (advisor_id) REFERENCES public.advisors(id) ON DELETE CASCADE;


--
-- Name: advisor_structures fk_advisor_structures_structure_id_host_structures; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.advisor_structures
    ADD CONSTRAINT fk_advisor_structures_structure_id_host_structures FOREIGN KEY (structure_id) REFERENCES public.host_structures(id) ON DELETE CASCADE;


--
-- Name: bookings fk_bookings_resident_id_residents; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT fk_bookings_resident_id_residents FOREIGN KEY (resident_id) REFERENCES public.residents(id);


--
-- Name: bookings fk_bookings_slot_id_slots; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT fk_bookings_slot_id_slots FOREIGN KEY (slot_id) REFERENCES public.slots(id);


--
-- Name: notifications fk_notifications_advisor_id_advisors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT fk_notifications_advisor_id_advisors FOREIGN KEY (advisor_id) REFERENCES public.advisors(id) ON DELETE CASCADE;


--
-- Name: notifications fk_notifications_booking_id_bookings; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT fk_notifications_booking_id_bookings FOREIGN KEY (booking_id) REFERENCES public.bookings(id) ON DELETE SET NULL;


--
-- Name: notifications fk_notifications_previous_slot_id_slots; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT fk_notifications_previous_slot_id_slots FOREIGN KEY (previous_slot_id) REFERENCES public.slots(id);


--
-- Name: notifications fk_notifications_resident_id_residents; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT fk_notifications_resident_id_residents FOREIGN KEY (resident_id) REFERENCES public.residents(id) ON DELETE CASCADE;


--
-- Name: notifications fk_notifications_slot_id_slots; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT fk_notifications_slot_id_slots FOREIGN KEY (slot_id) REFERENCES public.slots(id);


--
-- Name: notifications fk_notifications_waitlist_entry_id_waitlist_entries; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT fk_notifications_waitlist_entry_id_waitlist_entries FOREIGN KEY (waitlist_entry_id) REFERENCES public.waitlist_entries(id) ON DELETE CASCADE;


--
-- Name: slots fk_slots_replaced_by_id_slots; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.slots
    ADD CONSTRAINT fk_slots_replaced_by_id_slots FOREIGN KEY (replaced_by_id) REFERENCES public.slots(id);


--
-- Name: slots fk_slots_workshop_id_workshops; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.slots
    ADD CONSTRAINT fk_slots_workshop_id_workshops FOREIGN KEY (workshop_id) REFERENCES public.workshops(id);


--
-- Name: structure_programmes fk_structure_programmes_structure_id_host_structures; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.structure_programmes
    ADD CONSTRAINT fk_structure_programmes_structure_id_host_structures FOREIGN KEY (structure_id) REFERENCES public.host_structures(id) ON DELETE CASCADE;


--
-- Name: structure_themes fk_structure_themes_structure_id_host_structures; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.structure_themes
    ADD CONSTRAINT fk_structure_themes_structure_id_host_structures FOREIGN KEY (structure_id) REFERENCES public.host_structures(id) ON DELETE CASCADE;


--
-- Name: waitlist_entries fk_waitlist_entries_resident_id_residents; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waitlist_entries
    ADD CONSTRAINT fk_waitlist_entries_resident_id_residents FOREIGN KEY (resident_id) REFERENCES public.residents(id) ON DELETE SET NULL;


--
-- Name: waitlist_entries fk_waitlist_entries_slot_id_slots; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waitlist_entries
    ADD CONSTRAINT fk_waitlist_entries_slot_id_slots FOREIGN KEY (slot_id) REFERENCES public.slots(id);


--
-- Name: workshop_themes fk_workshop_themes_workshop_id_workshops; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_themes
    ADD CONSTRAINT fk_workshop_themes_workshop_id_workshops FOREIGN KEY (workshop_id) REFERENCES public.workshops(id) ON DELETE CASCADE;


--
-- Name: workshops fk_workshops_advisor_id_advisors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshops
    ADD CONSTRAINT fk_workshops_advisor_id_advisors FOREIGN KEY (advisor_id) REFERENCES public.advisors(id);


--
-- Name: workshops fk_workshops_structure_id_host_structures; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshops
    ADD CONSTRAINT fk_workshops_structure_id_host_structures FOREIGN KEY (structure_id) REFERENCES public.host_structures(id);


--
-- PostgreSQL database dump complete
--

\unrestrict qe7GWbgHyet77AB8qtj8qqNTU5zYIVqyNyNtoSI0eOSF2cFsJAfJw53HTCSY4vf

