// The renderer's entry: mount the app. Everything else starts inside App.svelte.

import { mount } from 'svelte';
import App from './App.svelte';
import './styles/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks the #app element.');
mount(App, { target });
